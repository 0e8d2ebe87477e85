"""One local Spark session (two cores) for the suite; `make test-spark` installs pyspark and Java.

Nothing here skips: a missing pyspark or Java is a failure of `make test-spark`, not a pass."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest


def pytest_configure(config):
    # pyspark 4.3 warns on every pandas-aware call that it does not fully support pandas 3 (the pin
    # in requirements.txt); this suite hands Spark Arrow data, and its pandas is only the reference.
    config.addinivalue_line("filterwarnings", "ignore:PySpark does not yet fully support pandas:FutureWarning")


@pytest.fixture(scope="session")
def spark(tmp_path_factory):
    from pyspark.sql import SparkSession

    # The workers run this interpreter (the venv with the wheel), not the first python3 on PATH:
    # PySpark takes it from PYSPARK_PYTHON (spark.pyspark.python is for spark-submit).
    os.environ["PYSPARK_PYTHON"] = sys.executable
    # Spark's driver and block manager listen on the loopback address only
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    work = tmp_path_factory.mktemp("spark")
    session = (
        SparkSession.builder.master("local[2]")
        .appName("giamngheo-tests")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        # small Arrow batches: each partition reaches the Python function in several batches
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "1000")
        # Spark's scratch files and any warehouse in pytest's temporary directory, not the repository
        .config("spark.local.dir", str(work / "local"))
        .config("spark.sql.warehouse.dir", str(work / "warehouse"))
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    # the workers import the function given to mapInArrow from its module: ship the module
    session.sparkContext.addPyFile(str(Path(__file__).with_name("spark_classify.py")))
    yield session
    session.stop()
