"""Executes every notebook of examples/python headless (nbclient, the
python3 kernel) with the built `stake` package on the path; fails if a
cell raises. The executed copies are written to the build directory so
that the repository's notebooks stay without outputs.

usage: run_notebooks.py BUILD_PYTHON_DIR OUT_DIR [NOTEBOOK...]
"""
import glob
import os
import sys

import nbformat
from nbclient import NotebookClient


def main():
    pkg, out = sys.argv[1], sys.argv[2]
    notebooks = sys.argv[3:] or sorted(glob.glob("examples/python/*.ipynb"))
    if not notebooks:
        sys.exit("run_notebooks: no notebook found")
    os.environ["PYTHONPATH"] = os.path.abspath(pkg) + os.pathsep + os.environ.get("PYTHONPATH", "")
    os.environ["MPLBACKEND"] = "Agg"
    os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"   # quiets the kernel's debugger
    os.makedirs(out, exist_ok=True)
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": os.getcwd()}}).execute()
        images = sum(1 for c in nb.cells for o in c.get("outputs", [])
                     if "image/png" in o.get("data", {}))
        if images == 0:
            sys.exit(f"run_notebooks: {path} produced no plot")
        nbformat.write(nb, os.path.join(out, os.path.basename(path)))
        print(f"run_notebooks: {path} ran, {images} plot(s)")


if __name__ == "__main__":
    main()
