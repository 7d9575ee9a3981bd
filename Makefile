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
ALL_CFLAGS = $(WCFLAGS) $(CFLAGS) -Iinclude -Isrc $(PKG_CFLAGS)
LDLIBS = $(PKG_LIBS) -lpthread -lm

# B is the build directory: build/ normally, build/asan/ for the sanitizer build.
B ?= build
SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

LIB_SRC := $(sort $(wildcard src/*.c))
CLI_SRC := $(sort $(wildcard src/cli/*.c))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
DATA := $(sort $(filter-out %~ %.md,$(wildcard data/*.tsv data/*.txt data/*.bin)))

LIB_OBJ := $(patsubst src/%.c,$(B)/obj/%.o,$(LIB_SRC)) $(B)/obj/embedded.o $(B)/obj/embedded_data.o
CLI_OBJ := $(patsubst src/cli/%.c,$(B)/obj/cli/%.o,$(CLI_SRC))
UNIT_BIN := $(patsubst tests/unit/%.c,$(B)/tests/%,$(UNIT_SRC))

.PHONY: all check check-build unit golden asan valgrind bench install uninstall clean data model help fuzz

all: libwarta.a warta

help:
	@echo "make            build libwarta.a and ./warta"
	@echo "make check      every test: unit, golden, sanitizers, valgrind"
	@echo "make bench      the benchmark"
	@echo "make data       regenerate data/ files derived from Debian iso-codes"
	@echo "make model      retrain data/model.bin from ../shared/corpora/ner"
	@echo "make install PREFIX=/usr/local"

ifeq ($(B),build)
libwarta.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^
warta: $(CLI_OBJ) libwarta.a
	$(CC) $(ALL_CFLAGS) $(CLI_PKG_CFLAGS) -o $@ $(CLI_OBJ) libwarta.a $(LDLIBS) $(CLI_PKG_LIBS)
endif

$(B)/libwarta.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^
$(B)/warta: $(CLI_OBJ) $(B)/libwarta.a
	$(CC) $(ALL_CFLAGS) $(CLI_PKG_CFLAGS) -o $@ $(CLI_OBJ) $(B)/libwarta.a $(LDLIBS) $(CLI_PKG_LIBS)

$(B)/obj/%.o: src/%.c include/warta.h $(wildcard src/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<
$(B)/obj/cli/%.o: src/cli/%.c include/warta.h $(wildcard src/cli/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(CLI_PKG_CFLAGS) -c -o $@ $<

# data/ is embedded with the assembler's .incbin: no file is read at run time.
$(B)/embedded.S: $(DATA) Makefile
	@mkdir -p $(dir $@)
	@{ echo '.section .rodata'; i=0; for f in $(DATA); do \
	  echo ".balign 16"; echo "warta_data_$$i: .incbin \"$$f\""; echo "warta_data_$${i}_end: .byte 0"; i=$$((i+1)); done; \
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
$(B)/obj/embedded.o: $(B)/embedded.S $(DATA)
	@mkdir -p $(dir $@)
	$(CC) -c -o $@ $<
$(B)/obj/embedded_data.o: $(B)/embedded_data.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/tests/%: tests/unit/%.c tests/unit/t.h $(B)/libwarta.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(B)/libwarta.a $(LDLIBS)

check-build: $(B)/warta $(UNIT_BIN)

# `make check`: the normal build, then the same tests under ASan/UBSan, then
# valgrind over the golden tests; one summary line at the end.
check: all
	@$(MAKE) -s check-build B=build
	@$(MAKE) -s check-build B=build/asan CFLAGS="$(SAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined"
	@tests/run.sh

bench: all
	@tests/bench.sh
	@tests/bench_batch.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include
	install -m 755 warta $(DESTDIR)$(PREFIX)/bin/warta
	install -m 644 src/cli/warta.1 $(DESTDIR)$(PREFIX)/share/man/man1/warta.1
	install -m 644 libwarta.a $(DESTDIR)$(PREFIX)/lib/libwarta.a
	install -m 644 include/warta.h $(DESTDIR)$(PREFIX)/include/warta.h

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/warta $(DESTDIR)$(PREFIX)/share/man/man1/warta.1 \
	  $(DESTDIR)$(PREFIX)/lib/libwarta.a $(DESTDIR)$(PREFIX)/include/warta.h

clean:
	rm -rf build libwarta.a warta
