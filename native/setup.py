from setuptools import Extension, setup

setup(ext_modules=[Extension("reportlint_native._core", ["src/reportlint_native/_core.c"],
                             extra_compile_args=["-O2"])])
