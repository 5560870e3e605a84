"""The co-design platform, living in a package that shares its name with a standard module.

`platform` is also a standard-library module that Flask, uuid, SQLAlchemy and pytest import. This
package keeps that module's whole API (DESIGN.md §5.1): before anything else it loads the standard
`platform.py` by path and re-exports its names, so `platform.system()` works for everyone who
imports `platform` and gets this package instead.

Nothing third-party is imported at module level: `python -m pip` or `python -m venv`, run from the
repository root before the dependencies exist, import this package in place of the standard one.
"""

import importlib.util as _importlib_util
import os as _os
import sysconfig as _sysconfig


def _load_standard_platform():
    """Load the standard library's `platform` module from its file, under a private name."""
    path = _os.path.join(_sysconfig.get_path("stdlib"), "platform.py")
    spec = _importlib_util.spec_from_file_location("_stdlib_platform", path)
    module = _importlib_util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_stdlib_platform = _load_standard_platform()
globals().update(
    {name: value for name, value in vars(_stdlib_platform).items() if not name.startswith("__")}
)


def create_app(config=None):
    """Build the Flask application; `config` overrides settings read from the environment."""
    from platform.factory import build_app

    return build_app(config)
