"""Wheel build hook: compile the optional C helpers (``native/src/reportlint_native``) into the
wheel, so that ``pip install .`` gives the compiled core wherever a C compiler and Python's
headers are present. Without them the wheel is built without it and reportlint uses the
pure-Python twins (same results, slower batch; see README). Editable installs (``pip install -e``,
what ``make`` does) skip this: the Makefile installs ``native/`` into the development environment
as a package of its own. ``REPORTLINT_NO_NATIVE=1`` skips it too."""
from __future__ import annotations

import os
import shutil
import tempfile

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

PACKAGE = "reportlint_native"
MODULES = ("_core", "_pairs")


class NativeBuildHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version, build_data):
        if self.target_name != "wheel" or version == "editable" or os.environ.get("REPORTLINT_NO_NATIVE"):
            return
        src = os.path.join(self.root, "native", "src", PACKAGE)
        out = tempfile.mkdtemp(prefix="reportlint-native-")
        try:
            built = _compile(src, out)
        except Exception as exc:  # no compiler, no headers, no setuptools: the pure twins serve
            self.app.display_warning(
                f"注意：未能编译 C 核心（{type(exc).__name__}: {exc}），改用纯 Python 实现：结果完全相同，只是批量检查慢一些。")
            shutil.rmtree(out, ignore_errors=True)
            return
        built[os.path.join(src, "__init__.py")] = f"{PACKAGE}/__init__.py"
        build_data["force_include"].update(built)
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        self._scratch = out

    def finalize(self, version, build_data, artifact_path):
        scratch = getattr(self, "_scratch", None)
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)


def _compile(src: str, out: str) -> dict[str, str]:
    """Build each module with setuptools' build_ext (the platform's compiler and flags); return
    {built file: its path in the wheel}."""
    from setuptools import Distribution, Extension
    from setuptools.command.build_ext import build_ext

    exts = [Extension(f"{PACKAGE}.{m}", [os.path.join(src, m + ".c")], extra_compile_args=["-O2"]) for m in MODULES]
    cmd = build_ext(Distribution({"name": PACKAGE, "ext_modules": exts}))
    cmd.build_lib = out
    cmd.build_temp = os.path.join(out, "tmp")
    cmd.ensure_finalized()
    cmd.run()
    return {cmd.get_ext_fullpath(e.name): os.path.relpath(cmd.get_ext_fullpath(e.name), out).replace(os.sep, "/")
            for e in exts}
