"""Entry point: `python app.py`, `flask --app app ...` or `gunicorn app:app`.

The `flask` and `pytest` commands import the standard `platform` module before this file runs;
drop it so that `import platform` below finds the project's package (DESIGN.md §5.1). The package
re-exports the standard module's API, so code that already holds the old module keeps working.
"""

import sys

_earlier = sys.modules.get("platform")
if _earlier is not None and not hasattr(_earlier, "__path__"):
    del sys.modules["platform"]

from platform import create_app  # noqa: E402

app = create_app()

if __name__ == "__main__":
    app.run(host="127.0.0.1", port=5000)
