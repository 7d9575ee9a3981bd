"""Builds the `warta` Python package: the ctypes binding in warta/ plus the
shared library libwarta.so.1, built by `make shared` in the repository root
(or taken from $WARTA_LIBRARY) and copied into the package."""
import os
import re
import shutil
import subprocess

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.dist import Distribution

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def header_version():
    """WARTA_VERSION from include/warta.h: the package has the C version."""
    with open(os.path.join(ROOT, "include", "warta.h"), encoding="utf-8") as f:
        m = re.search(r'^#define WARTA_VERSION "([^"]+)"', f.read(), re.M)
    if not m:
        raise RuntimeError("WARTA_VERSION not found in include/warta.h")
    return m.group(1)


def shared_library():
    """Path of the shared library to bundle, built with make if need be."""
    given = os.environ.get("WARTA_LIBRARY")
    if given:
        return given
    if not os.path.exists(os.path.join(ROOT, "Makefile")):
        raise RuntimeError("the warta sources are not in %s: set WARTA_LIBRARY "
                           "to an existing libwarta.so" % ROOT)
    subprocess.check_call(["make", "-s", "-C", ROOT, "shared"])
    return os.path.join(ROOT, "build", "libwarta.so." + header_version())


class BuildPyWithLibrary(build_py):
    """The usual build_py, then libwarta.so.1 next to the modules."""

    def run(self):
        super().run()
        dest = os.path.join(self.build_lib, "warta")
        self.mkpath(dest)
        shutil.copyfile(shared_library(), os.path.join(dest, "libwarta.so.1"))


class BinaryDistribution(Distribution):
    """The package holds a native library: platform-specific wheels."""

    def has_ext_modules(self):
        return True


setup(
    name="warta",
    version=header_version(),
    description="Named entities in Indonesian news (binding of libwarta)",
    license="MIT",
    packages=["warta"],
    python_requires=">=3.7",
    cmdclass={"build_py": BuildPyWithLibrary},
    distclass=BinaryDistribution,
    zip_safe=False,
)
