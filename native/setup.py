from setuptools import Extension, setup

setup(ext_modules=[Extension("reportlint_native._core", ["src/reportlint_native/_core.c"],
                             extra_compile_args=["-O2"]),
                   Extension("reportlint_native._pairs", ["src/reportlint_native/_pairs.c"],
                             extra_compile_args=["-O2"])])
