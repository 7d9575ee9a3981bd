"""warta: named entities (people, countries, organizations, money, places)
in Indonesian news, through libwarta's C API (ctypes, no other dependency).

    >>> import warta
    >>> warta.analyze("Presiden Joko Widodo ke Tokyo.")["entities"][0]["text"]
    'Joko Widodo'

analyze() returns the JSON object the `warta` command prints for a
document, as a dict.  Errors raise WartaError with warta's message and code.
A Lexicon of user entries (docs/lexicon.md) teaches it names:

    >>> lx = warta.Lexicon()
    >>> lx.add("Tokyo\\tORGANIZATION\\tTokyo FC\\n")
    >>> warta.analyze("Presiden Joko Widodo ke Tokyo.", lexicon=lx)["entities"][1]["type"]
    'ORGANIZATION'
"""
import collections
import concurrent.futures
import contextlib
import ctypes
import json
import numbers
import os
import threading

from . import _capi

__all__ = ["Lexicon", "Warta", "WartaError", "analyze", "analyze_many", "__version__"]

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


def _min_score(score):
    """`score` as a float, checked to be in [0, 1] as the CLI's --min-score."""
    if isinstance(score, bool) or not isinstance(score, numbers.Real):
        raise TypeError("min_score must be a number, not %s" % type(score).__name__)
    score = float(score)
    if not 0 <= score <= 1:  # also rejects NaN
        raise WartaError("min_score must be a number from 0 to 1, not %r" % score,
                         _capi.WARTA_ERR_ARG)
    return score


class Lexicon:
    """User entries that win over the model and the built-in gazetteers
    (warta_lexicon_t): UTF-8 lines `surface form<TAB>TYPE[<TAB>canonical]`,
    `#` comments and blank lines skipped (docs/lexicon.md).  A later entry
    for the same form replaces an earlier one.

    Pass it as `lexicon=` to analyze(), analyze_many() or Warta().  Every
    Warta object and every running call that uses it holds a reference, so
    the C lexicon is freed only once the last of them is gone.  add() and
    add_file() wait until no analysis is using the lexicon (the C library
    forbids adding while it is read), and analyses wait for them."""

    def __init__(self, path=None):
        self._cond = threading.Condition()
        self._readers = 0  # analyses using the lexicon right now
        self._lx = _capi.lib.warta_lexicon_new()
        if not self._lx:
            raise MemoryError("warta_lexicon_new failed")
        if path is not None:
            self.add_file(path)

    def __del__(self):
        lx, self._lx = getattr(self, "_lx", None), None
        if lx:
            try:
                _capi.lib.warta_lexicon_free(lx)
            except Exception:  # interpreter shutdown: modules may be gone
                pass

    def __len__(self):
        """The number of entries."""
        with self._cond:
            return _capi.lib.warta_lexicon_size(self._lx)

    def __repr__(self):
        return "<warta.Lexicon of %d entries>" % len(self)

    def _add(self, add, *args):
        """Calls warta_lexicon_add_*(lx, *args, err) once no analysis runs.
        On failure nothing of that input is kept and WartaError says
        "NAME:LINE: why" (code WARTA_ERR_DATA, or WARTA_ERR_IO for a file
        that cannot be read)."""
        err = _capi.Error()
        with self._cond:
            self._cond.wait_for(lambda: not self._readers)
            rc = add(self._lx, *args, ctypes.byref(err))
        if rc < 0:
            _raise(rc, err)

    def add_file(self, path):
        """Adds the entries of the file at `path` (str, bytes or path-like)."""
        self._add(_capi.lib.warta_lexicon_add_file, os.fsencode(path))

    def add(self, text, name="<string>"):
        """Adds the entries of `text` (str, or UTF-8 bytes), one a line;
        `name` stands for the file name in error messages."""
        data = _as_bytes(text)
        if isinstance(name, str):
            name = name.encode("utf-8", "surrogatepass")
        self._add(_capi.lib.warta_lexicon_add_buffer, data, len(data), name)

    @contextlib.contextmanager
    def _reading(self):
        """Marks one analysis as using the lexicon; yields its pointer."""
        with self._cond:
            self._readers += 1
        try:
            yield self._lx
        finally:
            with self._cond:
                self._readers -= 1
                if not self._readers:
                    self._cond.notify_all()


def _lexicon(lexicon):
    if lexicon is not None and not isinstance(lexicon, Lexicon):
        raise TypeError("lexicon must be a warta.Lexicon, not %s" % type(lexicon).__name__)
    return lexicon


class Warta:
    """A loaded model and data (warta_t), reusable for any number of calls
    from any number of threads; each call borrows a per-thread worker from a
    pool.  close() (or a `with` block) releases it; do not close it while
    calls are running.

    `min_score` and `lexicon` are the defaults of its analyze() calls: drop
    entities scored below min_score (0 keeps all); a Lexicon whose entries
    win over the model (kept referenced as long as this object)."""

    def __init__(self, model_path=None, min_score=0.0, lexicon=None):
        self._min_score = _min_score(min_score)
        self._lexicon = _lexicon(lexicon)
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

    def _analyze(self, data, options, lexicon):
        """A warta_doc_t* (caller frees) for bytes `data`, with `lexicon`
        (a Lexicon or None) in options.lexicon during the call.  The
        document copies what it takes from the lexicon."""
        doc = ctypes.c_void_p()
        err = _capi.Error()
        wk = self._take_worker()
        try:
            reading = lexicon._reading() if lexicon is not None else contextlib.nullcontext()
            with reading as lx:
                options.lexicon = lx
                rc = _capi.lib.warta_analyze(wk, data, len(data), ctypes.byref(options),
                                             ctypes.byref(doc), ctypes.byref(err))
        finally:
            self._give_worker(wk)
        if rc < 0:
            _raise(rc, err)
        return doc

    def analyze(self, text, types=None, source="-", sentences=False,
                tokens=False, summary=False, min_score=None, lexicon=None):
        """The entities of one document (str or UTF-8 bytes) as the dict the
        `warta` command prints: "source", "chars", "bytes", "entities"
        (and "sentences", "tokens", "summary" when asked for).  `types`
        keeps only the named entity types (a list or "PERSON,MONEY").
        `min_score` (0 to 1) drops the entities scored below it, as
        --min-score; `lexicon` is a Lexicon, as --lexicon.  Left None, both
        are this object's (see Warta)."""
        min_score = self._min_score if min_score is None else _min_score(min_score)
        lexicon = self._lexicon if lexicon is None else _lexicon(lexicon)
        options = _capi.Options(types=_types_mask(types), min_score=min_score)
        # The document points into `data`: it stays referenced until freed.
        data = _as_bytes(text)
        doc = self._analyze(data, options, lexicon)
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
