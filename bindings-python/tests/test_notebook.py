"""The example notebook runs top to bottom in a real Jupyter kernel (nbclient + ipykernel)."""

from __future__ import annotations

import nbformat
from nbclient import NotebookClient

from conftest import BINDING


def test_notebook_runs_without_errors(tmp_path):
    nb = nbformat.read(BINDING / "examples" / "giamngheo.ipynb", as_version=4)
    client = NotebookClient(nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}})
    client.execute()  # raises CellExecutionError if any cell fails
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    kinds = {k for o in outputs for k in o.get("data", {})}
    assert "text/html" in kinds and "image/png" in kinds
    html = "".join(o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {}))
    assert "Bảng 1" in html and "Table 1" in html and "health_insurance" in html
