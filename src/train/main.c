/* main.c - warta-train: trains the entity tagger's model (train.c) and
 * evaluates warta on `token<TAB>BIO` corpora (eval.c). */
#include <stdio.h>
#include <string.h>

#include "train.h"

static const char usage[] =
    "usage: warta-train train --out FILE [--dev FILE | --dev-masked FILE]...\n"
    "                   [--scheme bio|bilou] [--algo perceptron|crf] [--eta X]\n"
    "                   [--sigma2 X] [--crf-avg] [--epochs N] [--patience N]\n"
    "                   [--runs N] [--prune X] [--min-count N] [--seed N]\n"
    "                   [--countries FILE] [--augment] [--target N]\n"
    "                   [--masked FILE | --private FILE | FILE]...\n"
    "       warta-train eval [--model FILE] [--split-country] [--errors] GOLD...\n"
    "`make model` and `make eval` show the options the shipped model uses.\n";

int main(int argc, char **argv)
{
    if (argc >= 2 && !strcmp(argv[1], "train"))
        return cmd_train(argc - 1, argv + 1);
    if (argc >= 2 && !strcmp(argv[1], "eval"))
        return cmd_eval(argc - 1, argv + 1);
    fputs(usage, argc >= 2 && !strcmp(argv[1], "--help") ? stdout : stderr);
    return argc >= 2 && !strcmp(argv[1], "--help") ? 0 : 2;
}
