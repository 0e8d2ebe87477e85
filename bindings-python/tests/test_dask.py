"""The batch functions inside Dask: a partitioned dataset classified on a LocalCluster with two
worker processes gives exactly the single-process result."""

from __future__ import annotations

import numpy as np
import pytest

import giamngheo as gn

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")


def test_dask_local_cluster_equals_single_process():
    df = gn.sample_frame()
    std = gn.standard_by_id("qd59-2015")
    single = gn.classify_frame(df, standard=std)
    meta = gn.classify_frame(df.head(0), standard=std)
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=None, silence_logs=40) as cluster, \
            distributed.Client(cluster) as client:
        ddf = dd.from_pandas(df, npartitions=8)
        # the Standard object travels to the workers by pickle (embedded: by id)
        out = ddf.map_partitions(gn.classify_frame, standard=std, meta=meta).compute()
        workers = client.run(lambda: __import__("os").getpid())
        assert len(set(workers.values())) == 2
        stats = client.submit(lambda: gn.statistics(gn.classify_arrays(
            *(lambda s: (s["area"], s["income"], s["deprivations"]))(gn.sample()), standard="qd59-2015")).households).result()
    assert len(out) == len(single)
    assert np.array_equal(out["class_code"].to_numpy(), single["class_code"].to_numpy())
    assert np.array_equal(out["deprivation_count"].to_numpy(), single["deprivation_count"].to_numpy())
    assert (out["class"].to_numpy() == single["class"].to_numpy()).all()
    assert stats == len(df)
