# warta - named entities in Indonesian news.  `make help` lists the targets.

PREFIX ?= /usr/local
CC ?= cc
CFLAGS ?= -O2 -g
# Warning and language flags live apart from CFLAGS so users cannot strip them.
WCFLAGS = -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE
PKGS = libutf8proc libpcre2-8
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CLI_PKGS = jansson
CLI_PKG_CFLAGS := $(shell pkg-config --cflags $(CLI_PKGS) 2>/dev/null)
CLI_PKG_LIBS := $(shell pkg-config --libs $(CLI_PKGS) 2>/dev/null)
ALL_CFLAGS = $(WCFLAGS) $(CFLAGS) -Iinclude -Isrc/lib $(PKG_CFLAGS)
LDLIBS = $(PKG_LIBS) -lpthread -lm

# B is the build directory: build/ normally, build/asan/ for the sanitizer build.
B ?= build
SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

LIB_SRC := $(sort $(wildcard src/lib/*.c))
TRAIN_SRC := $(sort $(wildcard src/train/*.c))
CLI_SRC := $(sort $(wildcard src/cli/*.c))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
DATA := $(sort $(filter-out %~ %.md,$(wildcard data/*.tsv data/*.txt data/*.bin)))

LIB_CORE_OBJ := $(patsubst src/lib/%.c,$(B)/obj/lib/%.o,$(LIB_SRC)) $(B)/obj/embedded.o $(B)/obj/embedded_data.o
LIB_OBJ := $(LIB_CORE_OBJ) $(B)/obj/tables.o
CLI_OBJ := $(patsubst src/cli/%.c,$(B)/obj/cli/%.o,$(CLI_SRC))
UNIT_BIN := $(patsubst tests/unit/%.c,$(B)/tests/%,$(UNIT_SRC))

.PHONY: all shared check check-quick check-build unit golden asan valgrind bench install uninstall clean data model eval help fuzz udeval

all: libwarta.a warta

help:
	@echo "make            build libwarta.a and ./warta"
	@echo "make check      every test: unit, golden, sanitizers, valgrind"
	@echo "make check-quick  the normal build's tests only (ONLY=name narrows them)"
	@echo "make bench      the benchmark"
	@echo "make data       regenerate data/ files derived from Debian iso-codes"
	@echo "make model      retrain data/model.bin from ../shared/corpora/ner (CONTRIBUTING.md)"
	@echo "make eval       dev scores of the shipped model (same corpora)"
	@echo "make udeval     tokenizer and sentence scores on ../shared/corpora/ud"
	@echo "make fuzz       libFuzzer targets (clang); make fuzz-run FUZZ_TIME=600"
	@echo "make install PREFIX=/usr/local [LIBDIR=...] [DESTDIR=...]   (make uninstall: the same files)"
	@echo "make shared     build/libwarta.so only (the Python package's build uses it)"

# Top-level libwarta.a is the installed archive (one object, internals
# local, see "libraries" below); $(B)/libwarta.a keeps the internal symbols
# global for the unit tests and tools, and the CLI links it.
ifeq ($(B),build)
libwarta.a: $(B)/libwarta.o
	rm -f $@ && ar rcs $@ $^
warta: $(CLI_OBJ) $(B)/libwarta.a
	$(CC) $(ALL_CFLAGS) $(CLI_PKG_CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(B)/libwarta.a $(LDLIBS) $(CLI_PKG_LIBS)
endif

$(B)/libwarta.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^
$(B)/warta: $(CLI_OBJ) $(B)/libwarta.a
	$(CC) $(ALL_CFLAGS) $(CLI_PKG_CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(B)/libwarta.a $(LDLIBS) $(CLI_PKG_LIBS)

# Library objects serve the static and the shared library alike: -fPIC, and
# hidden unless marked WARTA_API (include/warta.h).
LIB_CFLAGS = -fPIC -fvisibility=hidden
$(B)/obj/lib/%.o: src/lib/%.c include/warta.h $(wildcard src/lib/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LIB_CFLAGS) -c -o $@ $<
$(B)/obj/cli/%.o: src/cli/%.c include/warta.h $(wildcard src/cli/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(CLI_PKG_CFLAGS) -c -o $@ $<

# data/ is embedded with the assembler's .incbin: no file is read at run time.
$(B)/embedded.S: $(DATA) Makefile
	@mkdir -p $(dir $@)
	@{ echo '.section .rodata'; i=0; for f in $(DATA); do \
	  echo ".balign 16"; $(call slots_align,$$f) echo ".globl warta_data_$$i, warta_data_$${i}_end"; echo ".hidden warta_data_$$i, warta_data_$${i}_end"; echo "warta_data_$$i: .incbin \"$$f\""; echo "warta_data_$${i}_end: .byte 0"; i=$$((i+1)); done; \
	  echo '.section .note.GNU-stack,"",@progbits'; } > $@
$(B)/embedded_data.c: $(DATA) Makefile
	@mkdir -p $(dir $@)
	@{ echo '#include <string.h>'; echo '#include "data.h"'; i=0; for f in $(DATA); do \
	  echo "extern const unsigned char warta_data_$$i[], warta_data_$${i}_end[];"; i=$$((i+1)); done; \
	  echo 'static const struct { const char *name; const unsigned char *b, *e; } files[] = {'; i=0; for f in $(DATA); do \
	  echo "  {\"$$(basename $$f)\", warta_data_$$i, warta_data_$${i}_end},"; i=$$((i+1)); done; \
	  echo '  {0, 0, 0}};'; \
	  echo 'const unsigned char *data_get(const char *name, size_t *len) {'; \
	  echo '  for (int i = 0; files[i].name; i++) if (!strcmp(files[i].name, name)) { *len = (size_t)(files[i].e - files[i].b); return files[i].b; }'; \
	  echo '  *len = 0; return NULL; }'; } > $@
$(B)/obj/embedded.o: $(B)/embedded.S $(DATA) $(B)/model.ok
	@mkdir -p $(dir $@)
	$(CC) -c -o $@ $<

# The embedded model is checked in full here, once, so warta_open trusts it
# (model_open_trusted: no checksum pass at every start).  Its weight table
# (the SLOTS section, at the offset stored at byte 72 of the header) starts
# on a 64-byte boundary: a 32-byte slot never straddles two cache lines.
MODEL_BIN = $(filter %/model.bin,$(DATA))
slots_align = if [ "$(1)" = "$(MODEL_BIN)" ]; then \
	  off=$$(od -An -t u8 -j 72 -N 8 "$(1)" | tr -d ' '); \
	  echo ".balign 64"; echo ".skip $$(( (64 - off % 64) % 64 ))"; fi;
$(B)/model_check: src/tools/model_check.c src/lib/model.c src/lib/errors.c src/lib/model.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ src/tools/model_check.c src/lib/model.c src/lib/errors.c
$(B)/model.ok: $(MODEL_BIN) $(B)/model_check
	@mkdir -p $(dir $@)
	$(if $(MODEL_BIN),$(B)/model_check $(MODEL_BIN))
	@touch $@

# The start-up tables (src/lib/tables.h: word lists, gazetteer trie, money
# patterns) are built here by build/mktables, with the library's own
# builders, into build/tables.bin, which is embedded like data/ (64-byte
# aligned).  mktables itself links an empty blob (tables_none.S), so it
# builds everything from data/.
tables_s = { echo '.section .rodata'; echo '.balign 64'; \
	  echo '.globl warta_tables, warta_tables_end'; echo '.hidden warta_tables, warta_tables_end'; \
	  echo 'warta_tables: $(1)'; echo 'warta_tables_end: .byte 0'; \
	  echo '.section .note.GNU-stack,"",@progbits'; } > $@
$(B)/tables_none.S: Makefile
	@mkdir -p $(dir $@)
	@$(call tables_s,)
$(B)/tables.S: Makefile
	@mkdir -p $(dir $@)
	@$(call tables_s,.incbin "$(B)/tables.bin")
$(B)/obj/tables_none.o: $(B)/tables_none.S
	$(CC) -c -o $@ $<
$(B)/mktables: src/tools/mktables.c $(LIB_CORE_OBJ) $(B)/obj/tables_none.o
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB_CORE_OBJ) $(B)/obj/tables_none.o $(LDLIBS)
$(B)/tables.bin: $(B)/mktables
	$(B)/mktables $@
$(B)/obj/tables.o: $(B)/tables.S $(B)/tables.bin
	$(CC) -c -o $@ $<
$(B)/obj/embedded_data.o: $(B)/embedded_data.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LIB_CFLAGS) -c -o $@ $<

# ---- libraries (docs/library.md) -------------------------------------------
# The shared library libwarta.so.$(VERSION), SONAME libwarta.so.$(SOMAJOR):
# bump SOMAJOR whenever a public function or struct of warta.h changes in an
# incompatible way.  The installed static archive is one relocatable object
# whose hidden (internal) symbols are made local: a program may define its
# own hash_bytes() and still link it.
VERSION := $(shell sed -n 's/^\#define WARTA_VERSION "\(.*\)"/\1/p' include/warta.h)
SOMAJOR = 1
SONAME = libwarta.so.$(SOMAJOR)
SHLIB = $(B)/libwarta.so.$(VERSION)
LD ?= ld
OBJCOPY ?= objcopy

$(B)/libwarta.o: $(LIB_OBJ)
	$(LD) -r -o $@.tmp $^ && $(OBJCOPY) --localize-hidden $@.tmp $@ && rm -f $@.tmp
$(SHLIB): $(LIB_OBJ)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -shared -Wl,-soname,$(SONAME) -Wl,--no-undefined -o $@ $^ $(LDLIBS)
	ln -sf $(notdir $@) $(B)/$(SONAME) && ln -sf $(SONAME) $(B)/libwarta.so
shared: $(SHLIB)
all: shared

# Unit tests may test the trainer's model writer and CRF objective too
# (they are not in libwarta.a).
TRAIN_CORE = src/train/model_write.c src/train/crf.c
$(B)/tests/%: tests/unit/%.c tests/unit/t.h $(B)/libwarta.a $(TRAIN_CORE)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit -Isrc/train -o $@ $< $(TRAIN_CORE) $(B)/libwarta.a $(LDLIBS)
# test_open_nomem fails the library's allocations one by one: it wraps them.
$(B)/tests/test_open_nomem: tests/unit/test_open_nomem.c tests/unit/t.h $(B)/libwarta.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(B)/libwarta.a $(LDLIBS) \
	  -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup

# ---- fuzzing (tests/fuzz/, docs/reliability.md) ---------------------------
# `make fuzz` builds the libFuzzer targets with clang into build/fuzz/;
# `make fuzz-run FUZZ_TIME=600` runs each in turn on its seed corpus.  Each
# normal build also gets a replay program per target ($(B)/replay/), which
# runs the target over files without libFuzzer (make check replays the seed
# corpora with it, under gcc and ASan/UBSan).
FUZZ_CC ?= clang
FUZZ_SAN = -fsanitize=address,undefined
FUZZ_CFLAGS = -O1 -g -fno-omit-frame-pointer -fno-sanitize-recover=all $(FUZZ_SAN) -fsanitize=fuzzer-no-link
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN := $(patsubst tests/fuzz/%.c,$(B)/fuzz/%,$(FUZZ_SRC))
REPLAY_BIN := $(patsubst tests/fuzz/%.c,$(B)/replay/%,$(FUZZ_SRC))
FUZZ_TIME ?= 600

check-build: $(B)/warta $(UNIT_BIN) $(REPLAY_BIN)

fuzz:
	@tests/fuzz/can_fuzz.sh $(FUZZ_CC) || { echo "make fuzz: $(FUZZ_CC) cannot build libFuzzer targets (apt-get install clang libclang-rt-14-dev)"; exit 1; }
	@$(MAKE) -s fuzz-build B=build/fuzz CC=$(FUZZ_CC) CFLAGS="$(FUZZ_CFLAGS)"
	@echo "fuzz targets: $(patsubst tests/fuzz/%.c,build/fuzz/fuzz/%,$(FUZZ_SRC))"
fuzz-build: $(FUZZ_BIN)
fuzz-run: fuzz
	tests/fuzz/run.sh $(FUZZ_TIME)

# The JSONL target calls the CLI's record reader (src/cli/jsonl.c).
FUZZ_DEPS = tests/fuzz/fuzz.h $(B)/libwarta.a $(B)/obj/cli/jsonl.o
$(B)/fuzz/%: tests/fuzz/%.c $(FUZZ_DEPS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(CLI_PKG_CFLAGS) -Itests/fuzz -Isrc/cli -fsanitize=fuzzer -o $@ $< $(B)/obj/cli/jsonl.o $(B)/libwarta.a $(LDLIBS) $(CLI_PKG_LIBS)
$(B)/replay/%: tests/fuzz/%.c tests/fuzz/replay.c $(FUZZ_DEPS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(CLI_PKG_CFLAGS) -Itests/fuzz -Isrc/cli -o $@ $< tests/fuzz/replay.c $(B)/obj/cli/jsonl.o $(B)/libwarta.a $(LDLIBS) $(CLI_PKG_LIBS)

# Segmentation tools (tokenizer + sentence splitter): evaluation on UD
# Indonesian and the throughput benchmark.  They use internal headers.
UD_DIR ?= ../shared/corpora/ud
UD_FILES = $(UD_DIR)/UD_Indonesian-GSD/id_gsd-ud-dev.conllu $(UD_DIR)/UD_Indonesian-CSUI/id_csui-ud-train.conllu
$(B)/udeval: src/tools/udeval.c $(B)/libwarta.a
	$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/libwarta.a $(LDLIBS)
$(B)/bench_seg: src/tools/bench_seg.c src/tools/corpus.c src/tools/corpus.h $(B)/libwarta.a
	$(CC) $(ALL_CFLAGS) -Isrc/tools -o $@ $< src/tools/corpus.c $(B)/libwarta.a $(LDLIBS)
UD_WHAT = "the Universal Dependencies Indonesian treebanks GSD and CSUI (CoNLL-U) in $(UD_DIR)"
udeval: $(B)/udeval
	@src/tools/need_corpora.sh udeval UD_DIR $(UD_WHAT) $(UD_FILES)
	@$(B)/udeval $(UD_FILES)
$(B)/bench_stages: src/tools/bench_stages.c src/tools/corpus.c src/tools/corpus.h $(B)/libwarta.a
	$(CC) $(ALL_CFLAGS) -Isrc/tools -o $@ $< src/tools/corpus.c $(B)/libwarta.a $(LDLIBS)

# Realistic-news regression set (tests/news/, docs/news-eval.md).
# `make news-gold` regenerates tests/news/NN-slug.{txt,gold.tsv} from the
# annotated sources in tests/news/src/ (python3; dev-only, like `make data`;
# the outputs are committed).  `make news-eval` scores $(B)/warta on the set
# (NEWS_ERRORS=1 lists each article's misses and false alarms).
.PHONY: news-gold news-eval
NEWS_TXT = $(sort $(wildcard tests/news/[0-9][0-9]-*.txt))
$(B)/newseval: src/tools/newseval.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(CLI_PKG_CFLAGS) -o $@ $< $(CLI_PKG_LIBS)
check-build: $(B)/newseval
news-gold:
	python3 src/tools/news_gold.py
news-eval: $(B)/warta $(B)/newseval
	@$(B)/warta -q $(NEWS_TXT) >$(B)/news-pred.jsonl
	@$(B)/newseval $(if $(NEWS_ERRORS),--errors) $(B)/news-pred.jsonl $(NEWS_TXT:.txt=.gold.tsv)

# `make check`: the normal build, then the same tests under ASan/UBSan, then
# valgrind over the golden tests; one summary line at the end.
check: all
	@$(MAKE) -s check-build B=build
	@$(MAKE) -s check-build B=build/asan CFLAGS="$(SAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined"
	@if tests/fuzz/can_fuzz.sh $(FUZZ_CC); then $(MAKE) -s fuzz-build B=build/fuzz CC=$(FUZZ_CC) CFLAGS="$(FUZZ_CFLAGS)"; fi
	@tests/run.sh

# `make check-quick`: the normal build's tests only (no ASan pass, no
# valgrind), for the edit-test loop; ONLY=name narrows it further.
check-quick: all
	@$(MAKE) -s check-build B=build
	@QUICK=1 tests/run.sh

# `make data`: regenerate the gazetteer files derived from Debian iso-codes
# and ../shared/lexicons/idn-area (python3, msgunfmt); never part of `all`.
# A double-colon rule, so other data generators can add their own `data::`.
data::
	python3 src/tools/gen_gazetteer.py

bench: all build/bench
	@tests/bench.sh

# The entity tagger's trainer and evaluator (src/train/): built from its own
# sources, not part of libwarta.a.
$(B)/warta-train: $(TRAIN_SRC) $(wildcard src/train/*.h) $(B)/libwarta.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Isrc/train -o $@ $(TRAIN_SRC) $(B)/libwarta.a $(LDLIBS)

# `make model`: retrains data/model.bin from ../shared/corpora/ner (both
# train splits; the idner-news-2k dev split picks the epoch), deterministic,
# then prints the dev scores of both dev splits.
NER = ../shared/corpora/ner
# idner-news-2k leaves many countries O (../shared/README.md): its O on a
# token the gazetteer marks as a country is "unknown" (--masked, --dev-masked).
NER_TRAIN = --masked $(NER)/idner-news-2k/train.conll $(NER)/indonlu-nergrit/train.conll
NER_DEV = $(NER)/idner-news-2k/dev.conll $(NER)/indonlu-nergrit/dev.conll
TRAIN_OPTS ?= --algo crf --eta 0.05 --sigma2 3 --runs 4 --prune 0.02 --scheme bio --epochs 40 --patience 8 --min-count 1 --seed 5
NER_WHAT = "the NER corpora idner-news-2k and indonlu-nergrit (token<TAB>BIO train.conll and dev.conll) in $(NER)"
model: $(B)/warta-train
	@src/tools/need_corpora.sh model NER $(NER_WHAT) $(NER)/idner-news-2k/train.conll \
	  $(NER)/indonlu-nergrit/train.conll $(NER_DEV)
	$(B)/warta-train train --out data/model.bin --countries data/lex_countries.txt \
	  $(TRAIN_OPTS) --dev-masked $(NER)/idner-news-2k/dev.conll $(NER_TRAIN)
	@$(MAKE) -s eval

# `make eval`: dev scores of the shipped model through the full pipeline.
eval: $(B)/warta-train
	@src/tools/need_corpora.sh eval NER $(NER_WHAT) $(NER_DEV)
	$(B)/warta-train eval $(NER_DEV)

# `make install PREFIX=/usr LIBDIR=/usr/lib/x86_64-linux-gnu DESTDIR=...`;
# warta.pc gets the final (DESTDIR-less) paths.
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
MANDIR ?= $(PREFIX)/share/man
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR)
	install -m 755 warta $(DESTDIR)$(BINDIR)/warta
	install -m 644 src/cli/warta.1 $(DESTDIR)$(MANDIR)/man1/warta.1
	install -m 644 libwarta.a $(DESTDIR)$(LIBDIR)/libwarta.a
	install -m 644 $(SHLIB) $(DESTDIR)$(LIBDIR)/libwarta.so.$(VERSION)
	ln -sf libwarta.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libwarta.so
	install -m 644 include/warta.h $(DESTDIR)$(INCLUDEDIR)/warta.h
	sed -e 's|@VERSION@|$(VERSION)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' \
	  -e 's|@PKGS@|$(PKGS)|' src/lib/warta.pc.in > $(DESTDIR)$(LIBDIR)/pkgconfig/warta.pc

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/warta $(DESTDIR)$(MANDIR)/man1/warta.1 \
	  $(DESTDIR)$(LIBDIR)/libwarta.a $(DESTDIR)$(LIBDIR)/libwarta.so.$(VERSION) \
	  $(DESTDIR)$(LIBDIR)/$(SONAME) $(DESTDIR)$(LIBDIR)/libwarta.so \
	  $(DESTDIR)$(LIBDIR)/pkgconfig/warta.pc $(DESTDIR)$(INCLUDEDIR)/warta.h

clean:
	rm -rf build libwarta.a warta python/build python/warta.egg-info

$(B)/bench: src/tools/bench.c
	@mkdir -p $(dir $@)
	$(CC) $(WCFLAGS) $(CFLAGS) -o $@ $<

# money: data/currencies.tsv from iso-codes (part of `make data`).
data::
	python3 src/tools/gen_currencies.py data/currencies.tsv

# organizations and foreign given names: data/org_lexicon.tsv and
# data/person_given.txt from ../shared/lexicons/entities (part of `make data`).
data::
	python3 src/tools/gen_orgs.py
# review (#17): the reliability table of entity scores on the dev sets
# (docs/confidence.md).  `make calibrate`; uses confidence.h's levels.
.PHONY: calibrate
$(B)/calib: src/tools/calib.c src/lib/confidence.h $(B)/libwarta.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/libwarta.a $(LDLIBS)
calibrate: $(B)/calib
	@$(B)/calib $(NER_DEV)
