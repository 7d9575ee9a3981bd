"""warta: named entities (people, countries, organizations, money, places)
in Indonesian news, through libwarta's C API (ctypes, no other dependency).

    >>> import warta
    >>> warta.analyze("Presiden Joko Widodo ke Tokyo.")["entities"][0]["text"]
    'Joko Widodo'

analyze() returns the JSON object the `warta` command prints for a
document, as a dict.  Errors raise WartaError with warta's message and code.
"""
import collections
import concurrent.futures
import ctypes
import json
import os
import threading

from . import _capi

__all__ = ["Warta", "WartaError", "analyze", "analyze_many", "__version__"]

# The version of the library loaded (equal to WARTA_VERSION it was built with).
__version__ = _capi.lib.warta_version().decode()


class WartaError(Exception):
    """A failed warta call: `code` is the negative WARTA_ERR_* value of
    include/warta.h, `message` warta's own sentence."""

    def __init__(self, message, code):
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self):
        return "%s (warta error %d)" % (self.message, self.code)


def _raise(rc, err=None):
    msg = err.message.decode("utf-8", "replace") if err is not None and err.message else ""
    raise WartaError(msg or _capi.lib.warta_errmsg(rc).decode(), rc)


def _as_bytes(text):
    """UTF-8 bytes of str (lone surrogates pass through, so warta reports
    them as invalid UTF-8) or the bytes given, unchanged."""
    if isinstance(text, str):
        return text.encode("utf-8", "surrogatepass")
    if isinstance(text, (bytes, bytearray, memoryview)):
        return bytes(text)
    raise TypeError("text must be str or bytes, not %s" % type(text).__name__)


def _types_mask(types):
    """WARTA_TYPE_BIT mask of type names ("PERSON", ...); None is all."""
    if types is None:
        return _capi.WARTA_TYPES_ALL
    if isinstance(types, str):
        types = [t for t in types.split(",") if t.strip()]
    mask = 0
    for name in types:
        b = name.strip().encode()
        t = _capi.lib.warta_type_parse(b, len(b))
        if t < 0:
            raise WartaError("unknown entity type '%s'" % name, _capi.WARTA_ERR_ARG)
        mask |= 1 << t
    return mask


class Warta:
    """A loaded model and data (warta_t), reusable for any number of calls
    from any number of threads; each call borrows a per-thread worker from a
    pool.  close() (or a `with` block) releases it; do not close it while
    calls are running."""

    def __init__(self, model_path=None):
        self._lock = threading.Lock()
        self._idle = []
        self._w = ctypes.c_void_p()
        err = _capi.Error()
        cfg = None
        if model_path is not None:
            cfg = ctypes.byref(_capi.Config(model_path=os.fsencode(model_path)))
        rc = _capi.lib.warta_open(ctypes.byref(self._w), cfg, ctypes.byref(err))
        if rc < 0:
            _raise(rc, err)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:  # interpreter shutdown: modules may be gone
            pass

    def close(self):
        """Frees the workers and the context.  Idempotent."""
        lock = getattr(self, "_lock", None)
        if lock is None:
            return
        with lock:
            for wk in self._idle:
                _capi.lib.warta_worker_free(wk)
            self._idle = []
            if self._w:
                _capi.lib.warta_close(self._w)
                self._w = ctypes.c_void_p()

    def _take_worker(self):
        with self._lock:
            if not self._w:
                raise WartaError("this Warta object is closed", _capi.WARTA_ERR_ARG)
            if self._idle:
                return self._idle.pop()
            wk = _capi.lib.warta_worker_new(self._w)
        if not wk:
            raise MemoryError("warta_worker_new failed")
        return wk

    def _give_worker(self, wk):
        with self._lock:
            if self._w:
                self._idle.append(wk)
                return
        _capi.lib.warta_worker_free(wk)

    def _analyze(self, data, options):
        """A warta_doc_t* (caller frees) for bytes `data`."""
        doc = ctypes.c_void_p()
        err = _capi.Error()
        wk = self._take_worker()
        try:
            rc = _capi.lib.warta_analyze(wk, data, len(data), ctypes.byref(options),
                                         ctypes.byref(doc), ctypes.byref(err))
        finally:
            self._give_worker(wk)
        if rc < 0:
            _raise(rc, err)
        return doc

    def analyze(self, text, types=None, source="-", sentences=False,
                tokens=False, summary=False):
        """The entities of one document (str or UTF-8 bytes) as the dict the
        `warta` command prints: "source", "chars", "bytes", "entities"
        (and "sentences", "tokens", "summary" when asked for).  `types`
        keeps only the named entity types (a list or "PERSON,MONEY")."""
        options = _capi.Options(types=_types_mask(types))
        # The document points into `data`: it stays referenced until freed.
        data = _as_bytes(text)
        doc = self._analyze(data, options)
        ro = _capi.RenderOptions(format=_capi.WARTA_FORMAT_JSON, sentences=int(sentences),
                                 tokens=int(tokens), summary=int(summary))
        out, n = ctypes.c_void_p(), ctypes.c_size_t()
        try:
            rc = _capi.lib.warta_render(doc, os.fsencode(source), ctypes.byref(ro),
                                        ctypes.byref(out), ctypes.byref(n))
        finally:
            _capi.lib.warta_doc_free(doc)
        if rc < 0:
            _raise(rc)
        try:
            return json.loads(ctypes.string_at(out, n.value).decode("utf-8"))
        finally:
            _capi.free(out)

    def analyze_many(self, texts, jobs=None, **kwargs):
        """analyze() over an iterable of texts, `jobs` threads at a time
        (default: the number of CPUs), yielding the results in input order
        as they are ready.  It reads at most 2*jobs texts ahead, so `texts`
        may be a generator of any length.  The first failing text raises
        its WartaError at its place in the stream."""
        jobs = jobs or os.cpu_count() or 1
        if jobs < 1:
            raise ValueError("jobs must be at least 1")
        if jobs == 1:
            for text in texts:
                yield self.analyze(text, **kwargs)
            return
        with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
            pending = collections.deque()
            try:
                for text in texts:
                    pending.append(pool.submit(self.analyze, text, **kwargs))
                    if len(pending) >= 2 * jobs:
                        yield pending.popleft().result()
                while pending:
                    yield pending.popleft().result()
            finally:
                for f in pending:
                    f.cancel()


_default = None
_default_lock = threading.Lock()


def _shared():
    """The module's Warta, opened on first use."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Warta()
        return _default


def analyze(text, types=None, **kwargs):
    """Warta.analyze() with a module-wide Warta object."""
    return _shared().analyze(text, types=types, **kwargs)


def analyze_many(texts, jobs=None, **kwargs):
    """Warta.analyze_many() with a module-wide Warta object."""
    return _shared().analyze_many(texts, jobs=jobs, **kwargs)
