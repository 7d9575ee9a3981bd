"""Tests of the warta Python package (run by tests/scripts/python.sh in a
fresh venv; set WARTA_CLI to the warta binary to compare with its output)."""
import ctypes
import gc
import itertools
import json
import math
import os
import subprocess
import tempfile
import threading
import unittest
import weakref

import warta

SENTENCE = "Presiden Joko Widodo ke Tokyo."
TEXTS = [
    SENTENCE,
    "Korea Utara membayar US$2 miliar.",
    "Menteri Keuangan Sri Mulyani bertemu Bank Dunia di Jakarta.",
    "",
    "Harga beras naik Rp 5.000 per kilogram di Indonesia.",
]


def brief(result):
    return [(e["type"], e["text"]) for e in result["entities"]]


def entity(etype, text, start, normalized, score):
    """The JSON entity `text` at code point `start` of SENTENCE's sentence 0
    (ASCII: byte offsets equal code point offsets)."""
    end = start + len(text)
    return {"type": etype, "text": text, "start": start, "end": end, "byte_start": start,
            "byte_end": end, "sentence": 0, "normalized": normalized, "score": score}


class AnalyzeTest(unittest.TestCase):
    def test_known_sentence(self):
        r = warta.analyze(SENTENCE)
        self.assertEqual(r["source"], "-")
        self.assertEqual((r["chars"], r["bytes"]), (30, 30))
        self.assertEqual(r["entities"], [
            entity("PERSON", "Joko Widodo", 9, {"canonical": "Joko Widodo"}, 0.85),
            entity("LOCATION", "Tokyo", 24, {"name": "Tokyo"}, 0.85),
        ])

    def test_offsets_count_code_points(self):
        r = warta.analyze("Café: Presiden Joko Widodo ke Tokyo.")
        e = r["entities"][0]
        self.assertEqual((e["text"], e["start"], e["byte_start"]), ("Joko Widodo", 15, 16))

    def test_bytes_and_money(self):
        r = warta.analyze("Korea Utara membayar US$2 miliar.".encode())
        money = [e for e in r["entities"] if e["type"] == "MONEY"]
        self.assertEqual(len(money), 1)
        norm = money[0]["normalized"]
        # a JSON number (a string would do too: the CLI comparison below
        # pins the exact form)
        self.assertEqual((norm["currency"], str(norm["amount"])), ("USD", "2000000000"))

    def test_types_filter(self):
        self.assertEqual(brief(warta.analyze(SENTENCE, types=["PERSON"])),
                         [("PERSON", "Joko Widodo")])
        self.assertEqual(brief(warta.analyze(SENTENCE, types="location")),
                         [("LOCATION", "Tokyo")])

    def test_sentences_and_source(self):
        r = warta.analyze(SENTENCE, source="berita.txt", sentences=True)
        self.assertEqual(r["source"], "berita.txt")
        self.assertEqual(len(r["sentences"]), 1)

    @unittest.skipUnless(os.environ.get("WARTA_CLI"), "WARTA_CLI not set")
    def test_same_json_as_the_command(self):
        for text in TEXTS:
            out = subprocess.run([os.environ["WARTA_CLI"], "--summary"], input=text.encode(),
                                 stdout=subprocess.PIPE, check=True).stdout
            self.assertEqual(warta.analyze(text, summary=True), json.loads(out), text)

    def test_version(self):
        self.assertRegex(warta.__version__, r"^\d+\.\d+\.\d+$")


class ErrorTest(unittest.TestCase):
    def test_invalid_utf8(self):
        with self.assertRaises(warta.WartaError) as cm:
            warta.analyze(b"Harga naik \x80 lagi")
        self.assertEqual(cm.exception.code, -2)
        self.assertEqual(cm.exception.message, "invalid UTF-8 at byte 11")
        self.assertIn("invalid UTF-8 at byte 11", str(cm.exception))

    def test_lone_surrogate_is_invalid_utf8(self):
        with self.assertRaises(warta.WartaError) as cm:
            warta.analyze("a\udc80b")
        self.assertEqual(cm.exception.code, -2)

    def test_binary(self):
        with self.assertRaises(warta.WartaError) as cm:
            warta.analyze(b"a\x00b")
        self.assertEqual(cm.exception.code, -3)

    def test_missing_model(self):
        with self.assertRaises(warta.WartaError) as cm:
            warta.Warta(model_path="/nonexistent/model.bin")
        self.assertLess(cm.exception.code, 0)
        self.assertTrue(cm.exception.message)

    def test_unknown_type(self):
        with self.assertRaises(warta.WartaError) as cm:
            warta.analyze(SENTENCE, types=["PERSON", "FRUIT"])
        self.assertEqual(cm.exception.code, -7)
        self.assertIn("FRUIT", cm.exception.message)

    def test_not_text(self):
        with self.assertRaises(TypeError):
            warta.analyze(42)


class WartaObjectTest(unittest.TestCase):
    def test_reuse_and_close(self):
        with warta.Warta() as w:
            first = w.analyze(SENTENCE)
            for _ in range(3):
                self.assertEqual(w.analyze(SENTENCE), first)
        with self.assertRaises(warta.WartaError):
            w.analyze(SENTENCE)
        w.close()  # idempotent

    def test_threads_share_one_object(self):
        want = [warta.analyze(t) for t in TEXTS]
        got = {}
        with warta.Warta() as w:
            def run(k):
                got[k] = [w.analyze(t) for t in TEXTS]
            threads = [threading.Thread(target=run, args=(k,)) for k in range(4)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        self.assertEqual(got, {k: want for k in range(4)})


class AnalyzeManyTest(unittest.TestCase):
    def test_input_order(self):
        texts = TEXTS * 8
        want = [warta.analyze(t) for t in texts]
        for jobs in (1, 3, 8):
            self.assertEqual(list(warta.analyze_many(texts, jobs=jobs)), want)

    def test_streams_from_an_endless_generator(self):
        endless = (TEXTS[i % len(TEXTS)] for i in itertools.count())
        first = list(itertools.islice(warta.analyze_many(endless, jobs=2), 6))
        self.assertEqual([brief(r) for r in first],
                         [brief(warta.analyze(TEXTS[i % len(TEXTS)])) for i in range(6)])

    def test_options_pass_through(self):
        got = list(warta.analyze_many([SENTENCE, SENTENCE], jobs=2, types=["LOCATION"]))
        self.assertEqual([brief(r) for r in got], [[("LOCATION", "Tokyo")]] * 2)

    def test_error_in_place(self):
        it = warta.analyze_many([SENTENCE, b"\xff", SENTENCE], jobs=2)
        self.assertEqual(brief(next(it))[0], ("PERSON", "Joko Widodo"))
        with self.assertRaises(warta.WartaError) as cm:
            next(it)
        self.assertEqual(cm.exception.code, -2)


# Retypes Tokyo (LOCATION without it) and names Joko Widodo; line 2 is a
# comment, line 3 blank.
LEXICON = "Tokyo\tORGANIZATION\tTokyo FC\n# komentar\n\nJoko Widodo\tPERSON\tIr. H. Joko Widodo\n"
TYPE_ERROR = "the type must be PERSON, ORGANIZATION, COUNTRY or LOCATION"


def cli(*args, text):
    """The JSON the command prints for `text` with `args`."""
    out = subprocess.run([os.environ["WARTA_CLI"], *args], input=text.encode(),
                         stdout=subprocess.PIPE, check=True).stdout
    return json.loads(out)


class TempDirTest(unittest.TestCase):
    def setUp(self):
        self._dir = tempfile.TemporaryDirectory()
        self.addCleanup(self._dir.cleanup)

    def write(self, name, text):
        path = os.path.join(self._dir.name, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path


class LexiconTest(TempDirTest):
    def test_retypes_and_names(self):
        lx = warta.Lexicon()
        lx.add(LEXICON)
        self.assertEqual(len(lx), 2)
        # docs/lexicon.md: the entry's type, its canonical name in
        # normalized.canonical, score 1; the spans of test_known_sentence
        self.assertEqual(warta.analyze(SENTENCE, lexicon=lx)["entities"], [
            entity("PERSON", "Joko Widodo", 9, {"canonical": "Ir. H. Joko Widodo"}, 1),
            entity("ORGANIZATION", "Tokyo", 24, {"canonical": "Tokyo FC"}, 1),
        ])
        # without it, as before
        self.assertEqual(brief(warta.analyze(SENTENCE)),
                         [("PERSON", "Joko Widodo"), ("LOCATION", "Tokyo")])

    def test_from_a_file(self):
        lx = warta.Lexicon(self.write("nama.tsv", LEXICON))
        self.assertEqual(brief(warta.analyze(SENTENCE, lexicon=lx)),
                         [("PERSON", "Joko Widodo"), ("ORGANIZATION", "Tokyo")])
        lx.add_file(self.write("lagi.tsv", "Tokyo\tPERSON\n"))  # a later entry wins
        self.assertEqual(brief(warta.analyze(SENTENCE, lexicon=lx))[1], ("PERSON", "Tokyo"))

    def test_case_rules(self):
        lx = warta.Lexicon()
        lx.add("Tokyo\tORGANIZATION\tTokyo FC\n")
        # a capitalised piece needs a capital in the text
        got = warta.analyze("Presiden ke tokyo.", lexicon=lx)["entities"]
        self.assertNotIn("Tokyo FC", [e["normalized"].get("canonical") for e in got])
        got = warta.analyze("Presiden ke TOKYO.", lexicon=lx)["entities"]
        self.assertIn(("ORGANIZATION", "TOKYO"), brief({"entities": got}))

    def test_malformed_line_names_file_and_line(self):
        path = self.write("salah.tsv", "Tokyo\tORGANIZATION\n# komentar\nBudi\tBUAH\n")
        lx = warta.Lexicon()
        with self.assertRaises(warta.WartaError) as cm:
            lx.add_file(path)
        self.assertEqual(cm.exception.code, -8)
        self.assertEqual(cm.exception.message, "%s:3: %s" % (path, TYPE_ERROR))
        self.assertEqual(len(lx), 0)  # nothing of that file is kept
        with self.assertRaises(warta.WartaError) as cm:
            warta.Lexicon(path)
        self.assertEqual(cm.exception.code, -8)
        lx.add(LEXICON)
        with self.assertRaises(warta.WartaError) as cm:
            lx.add("Ani\tPERSON\nAni\tPERSON\tA\tB\n", name="punyaku.tsv")
        self.assertTrue(cm.exception.message.startswith("punyaku.tsv:2: "), cm.exception.message)
        self.assertEqual(len(lx), 2)
        with self.assertRaises(warta.WartaError) as cm:
            lx.add(b"Ani\tPERSON\nB\xffudi\tPERSON\n")
        self.assertTrue(cm.exception.message.startswith("<string>:2: "), cm.exception.message)

    def test_missing_file(self):
        path = os.path.join(self._dir.name, "tidak-ada.tsv")
        with self.assertRaises(warta.WartaError) as cm:
            warta.Lexicon(path)
        self.assertEqual(cm.exception.code, -6)
        self.assertTrue(cm.exception.message.startswith(path + ": "), cm.exception.message)

    def test_not_a_lexicon(self):
        with self.assertRaises(TypeError):
            warta.analyze(SENTENCE, lexicon="nama.tsv")
        with self.assertRaises(TypeError):
            warta.Warta(lexicon="nama.tsv")

    def test_warta_object_keeps_it(self):
        lx = warta.Lexicon()
        lx.add(LEXICON)
        gone = weakref.ref(lx)
        w = warta.Warta(lexicon=lx)
        del lx
        gc.collect()
        self.assertIsNotNone(gone())
        self.assertEqual(brief(w.analyze(SENTENCE))[1], ("ORGANIZATION", "Tokyo"))
        other = warta.Lexicon()
        other.add("Tokyo\tPERSON\n")
        self.assertEqual(brief(w.analyze(SENTENCE, lexicon=other))[1], ("PERSON", "Tokyo"))
        w.close()
        del w
        gc.collect()
        self.assertIsNone(gone())  # freed with the last user

    def test_adding_while_analyses_run(self):
        lx = warta.Lexicon()
        lx.add(LEXICON)
        seen, failures = set(), []
        with warta.Warta(lexicon=lx) as w:
            def run():
                try:
                    for _ in range(30):
                        seen.add(brief(w.analyze(SENTENCE))[1])
                except Exception as e:  # reported below
                    failures.append(e)
            threads = [threading.Thread(target=run) for _ in range(3)]
            for t in threads:
                t.start()
            for k in range(30):
                lx.add("Nama%d\tPERSON\n" % k)
            for t in threads:
                t.join()
        self.assertEqual(failures, [])
        self.assertEqual(seen, {("ORGANIZATION", "Tokyo")})
        self.assertEqual(len(lx), 32)

    @unittest.skipUnless(os.environ.get("WARTA_CLI"), "WARTA_CLI not set")
    def test_same_json_as_the_command(self):
        path = self.write("nama.tsv", LEXICON + "Bank Dunia\tORGANIZATION\tWorld Bank\n")
        lx = warta.Lexicon(path)
        for text in TEXTS:
            self.assertEqual(warta.analyze(text, summary=True, lexicon=lx),
                             cli("--summary", "--lexicon", path, text=text), text)


MIN_SCORE = 0.86  # between the levels of LOCATION (0.85) and COUNTRY (0.90)


class MinScoreTest(unittest.TestCase):
    def test_drops_low_entities(self):
        dropped = kept = 0
        for text in TEXTS:
            full = warta.analyze(text)["entities"]
            cut = warta.analyze(text, min_score=MIN_SCORE)["entities"]
            self.assertEqual(cut, [e for e in full if e["score"] >= MIN_SCORE], text)
            dropped += len(full) - len(cut)
            kept += len(cut)
        self.assertGreater(dropped, 0)
        self.assertGreater(kept, 0)
        self.assertEqual(warta.analyze(SENTENCE, min_score=1)["entities"], [])
        self.assertEqual(warta.analyze(SENTENCE, min_score=0), warta.analyze(SENTENCE))

    def test_with_a_lexicon(self):
        lx = warta.Lexicon()
        lx.add(LEXICON)  # lexicon entities score 1
        self.assertEqual(brief(warta.analyze(SENTENCE, min_score=1, lexicon=lx)),
                         [("PERSON", "Joko Widodo"), ("ORGANIZATION", "Tokyo")])

    def test_warta_default_and_override(self):
        with warta.Warta(min_score=MIN_SCORE) as w:
            self.assertEqual(w.analyze(SENTENCE)["entities"], [])
            self.assertEqual(w.analyze(SENTENCE, min_score=0), warta.analyze(SENTENCE))

    def test_bad_values(self):
        for bad in (1.5, -0.1, math.nan):
            with self.assertRaises(warta.WartaError) as cm:
                warta.analyze(SENTENCE, min_score=bad)
            self.assertEqual(cm.exception.code, -7)
        for bad in ("0.5", True):
            with self.assertRaises(TypeError):
                warta.analyze(SENTENCE, min_score=bad)
        with self.assertRaises(warta.WartaError):
            warta.Warta(min_score=2)

    @unittest.skipUnless(os.environ.get("WARTA_CLI"), "WARTA_CLI not set")
    def test_same_json_as_the_command(self):
        for text in TEXTS:
            self.assertEqual(warta.analyze(text, summary=True, min_score=MIN_SCORE),
                             cli("--summary", "--min-score", str(MIN_SCORE), text=text), text)


class AnalyzeManyLexiconTest(unittest.TestCase):
    def test_lexicon_and_min_score_pass_through(self):
        lx = warta.Lexicon()
        lx.add(LEXICON)
        texts = TEXTS * 4
        want = [warta.analyze(t, lexicon=lx, min_score=0.5) for t in texts]
        self.assertEqual(brief(want[0]), [("PERSON", "Joko Widodo"), ("ORGANIZATION", "Tokyo")])
        for jobs in (1, 3):
            got = list(warta.analyze_many(texts, jobs=jobs, lexicon=lx, min_score=0.5))
            self.assertEqual(got, want)
        with warta.Warta(lexicon=lx) as w:
            got = list(w.analyze_many([SENTENCE] * 4, jobs=2))
        self.assertEqual([brief(r)[1] for r in got], [("ORGANIZATION", "Tokyo")] * 4)


@unittest.skipUnless(os.environ.get("WARTA_INCLUDE"), "WARTA_INCLUDE not set")
class LayoutTest(unittest.TestCase):
    """The ctypes structs against include/warta.h, compiled by a C compiler:
    every field at the header's offset with its size, and the struct's size
    where the padding starts (rounded up to its alignment)."""

    def test_structs_match_the_header(self):
        from warta import _capi
        lines, want = [], []
        for cls, cname in _capi.C_NAMES.items():
            for name, _ in cls._fields_:
                if name == "_pad":
                    continue
                f = getattr(cls, name)
                lines.append('printf("%s.%s %%zu %%zu\\n", offsetof(%s, %s), sizeof(((%s *)0)->%s));'
                             % (cname, name, cname, name, cname, name))
                want.append("%s.%s %d %d" % (cname, name, f.offset, f.size))
            align = ctypes.alignment(cls)
            lines.append('printf("%s %%zu\\n", sizeof(%s));' % (cname, cname))
            want.append("%s %d" % (cname, -(-cls._pad.offset // align) * align))
        with tempfile.TemporaryDirectory() as d:
            src = os.path.join(d, "layout.c")
            with open(src, "w") as f:
                f.write("#include <stddef.h>\n#include <stdio.h>\n#include \"warta.h\"\n"
                        "int main(void)\n{\n    %s\n    return 0;\n}\n" % "\n    ".join(lines))
            exe = os.path.join(d, "layout")
            subprocess.run([os.environ.get("CC", "cc"), "-std=c11", "-I",
                            os.environ["WARTA_INCLUDE"], "-o", exe, src], check=True)
            got = subprocess.run([exe], stdout=subprocess.PIPE, check=True).stdout.decode()
        self.assertEqual(got.splitlines(), want)


if __name__ == "__main__":
    unittest.main()
