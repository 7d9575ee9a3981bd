"""Tests of the warta Python package (run by tests/scripts/python.sh in a
fresh venv; set WARTA_CLI to the warta binary to compare with its output)."""
import itertools
import json
import os
import subprocess
import threading
import unittest

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


class AnalyzeTest(unittest.TestCase):
    def test_known_sentence(self):
        r = warta.analyze(SENTENCE)
        self.assertEqual(r["source"], "-")
        self.assertEqual((r["chars"], r["bytes"]), (30, 30))
        self.assertEqual(r["entities"], [
            {"type": "PERSON", "text": "Joko Widodo", "start": 9, "end": 20,
             "byte_start": 9, "byte_end": 20, "sentence": 0,
             "normalized": {"canonical": "Joko Widodo"}, "score": 0.85},
            {"type": "LOCATION", "text": "Tokyo", "start": 24, "end": 29,
             "byte_start": 24, "byte_end": 29, "sentence": 0,
             "normalized": {"name": "Tokyo"}, "score": 0.85},
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


if __name__ == "__main__":
    unittest.main()
