"""ctypes declarations of the part of include/warta.h the binding uses.

Structs the binding passes by pointer carry trailing zero padding, so a
field appended to them in a later library version reads as 0 (its default)
instead of past the end of the Python-allocated memory."""
import ctypes
import ctypes.util
import os

_PAD = ctypes.c_char * 64

WARTA_OK = 0
WARTA_ERR_IO = -6
WARTA_ERR_ARG = -7
WARTA_ERR_DATA = -8
WARTA_FORMAT_JSON = 0
WARTA_NTYPES = 5
WARTA_TYPES_ALL = (1 << WARTA_NTYPES) - 1


class Error(ctypes.Structure):
    _fields_ = [("code", ctypes.c_int), ("byte", ctypes.c_size_t),
                ("message", ctypes.c_char * 256), ("_pad", _PAD)]


class Config(ctypes.Structure):
    _fields_ = [("model_path", ctypes.c_char_p), ("_pad", _PAD)]


class Options(ctypes.Structure):
    _fields_ = [("types", ctypes.c_uint), ("replace_invalid", ctypes.c_int),
                ("min_score", ctypes.c_double),
                ("lexicon", ctypes.c_void_p),  # const warta_lexicon_t *, borrowed
                ("_pad", _PAD)]


class RenderOptions(ctypes.Structure):
    _fields_ = [("format", ctypes.c_int), ("pretty", ctypes.c_int),
                ("sentences", ctypes.c_int), ("tokens", ctypes.c_int),
                ("summary", ctypes.c_int), ("id_json", ctypes.c_char_p),
                ("_pad", _PAD)]


# The C name of each struct above, for the layout test (python/tests): every
# field but _pad must sit at the header's offset, and _pad start at its size.
C_NAMES = {Error: "warta_error_t", Config: "warta_config_t",
           Options: "warta_options_t", RenderOptions: "warta_render_options_t"}


def _library_path():
    """The bundled library, else $WARTA_LIBRARY, else the system's."""
    env = os.environ.get("WARTA_LIBRARY")
    if env:
        return env
    bundled = os.path.join(os.path.dirname(os.path.abspath(__file__)), "libwarta.so.1")
    if os.path.exists(bundled):
        return bundled
    found = ctypes.util.find_library("warta")
    if not found:
        raise OSError("libwarta not found: neither bundled in the package nor "
                      "installed (set WARTA_LIBRARY to its path)")
    return found


def _declare(lib):
    p, vp, sz, i = ctypes.c_char_p, ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int
    P = ctypes.POINTER
    sigs = {
        "warta_version": (p, []),
        "warta_errmsg": (p, [i]),
        "warta_type_parse": (i, [p, sz]),
        "warta_open": (i, [P(vp), P(Config), P(Error)]),
        "warta_close": (None, [vp]),
        "warta_worker_new": (vp, [vp]),
        "warta_worker_free": (None, [vp]),
        "warta_analyze": (i, [vp, p, sz, P(Options), P(vp), P(Error)]),
        "warta_doc_free": (None, [vp]),
        "warta_render": (i, [vp, p, P(RenderOptions), P(vp), P(sz)]),
        "warta_lexicon_new": (vp, []),
        "warta_lexicon_add_file": (i, [vp, p, P(Error)]),
        "warta_lexicon_add_buffer": (i, [vp, p, sz, p, P(Error)]),
        "warta_lexicon_size": (sz, [vp]),
        "warta_lexicon_free": (None, [vp]),
    }
    for name, (res, args) in sigs.items():
        fn = getattr(lib, name)
        fn.restype, fn.argtypes = res, args
    return lib


lib = _declare(ctypes.CDLL(_library_path()))
# Buffers from warta_render() are malloc'd by the C library the process
# shares with libwarta; free() them with it.
_libc = ctypes.CDLL(None)
free = _libc.free
free.restype, free.argtypes = None, [ctypes.c_void_p]
