/* bench.c - runs a command several times and reports its median wall time
 * and its peak resident set size (from wait4's rusage, so it measures the
 * child alone).
 *
 *   bench [-n RUNS] [-i INPUT] -- CMD [ARG...]
 *
 * stdin is INPUT (default /dev/null), stdout and stderr go to /dev/null.
 * Prints: "median_s=S min_s=S median_cpu_s=S max_rss_kb=K runs=N status=X"
 * (cpu: the child's user + system time, steadier than wall time on a
 * shared machine). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    int runs = 5;
    const char *input = "/dev/null";
    int i = 1;
    for (; i < argc && strcmp(argv[i], "--"); i++) {
        if (!strcmp(argv[i], "-n") && i + 1 < argc)
            runs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "-i") && i + 1 < argc)
            input = argv[++i];
    }
    if (i >= argc - 1 || runs < 1 || runs > 1000) {
        fprintf(stderr, "usage: bench [-n RUNS] [-i INPUT] -- CMD [ARG...]\n");
        return 2;
    }
    char **cmd = argv + i + 1;
    double *t = calloc((size_t)runs, sizeof *t), *cpu = calloc((size_t)runs, sizeof *cpu);
    long max_rss = 0;
    int status = 0;
    for (int r = 0; r < runs; r++) {
        struct timespec a, b;
        clock_gettime(CLOCK_MONOTONIC, &a);
        pid_t pid = fork();
        if (pid < 0) {
            perror("bench: fork");
            return 1;
        }
        if (pid == 0) {
            int in = open(input, O_RDONLY), out = open("/dev/null", O_WRONLY);
            if (in < 0 || out < 0)
                _exit(127);
            dup2(in, 0);
            dup2(out, 1);
            dup2(out, 2);
            execvp(cmd[0], cmd);
            _exit(127);
        }
        struct rusage ru;
        int st;
        if (wait4(pid, &st, 0, &ru) < 0) {
            perror("bench: wait4");
            return 1;
        }
        clock_gettime(CLOCK_MONOTONIC, &b);
        t[r] = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
        cpu[r] = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
                 (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
        if (ru.ru_maxrss > max_rss)
            max_rss = ru.ru_maxrss;
        status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    }
    qsort(t, (size_t)runs, sizeof *t, cmp_d);
    qsort(cpu, (size_t)runs, sizeof *cpu, cmp_d);
    double med = runs % 2 ? t[runs / 2] : (t[runs / 2 - 1] + t[runs / 2]) / 2;
    double medc = runs % 2 ? cpu[runs / 2] : (cpu[runs / 2 - 1] + cpu[runs / 2]) / 2;
    printf("median_s=%.6f min_s=%.6f median_cpu_s=%.6f max_rss_kb=%ld runs=%d status=%d\n", med,
           t[0], medc, max_rss, runs, status);
    free(t);
    free(cpu);
    return 0;
}
