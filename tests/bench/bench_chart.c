/*
 * bench_chart.c - how long a whole chart render takes inside one process:
 * the chart directory is loaded once, then rendered N times as `helmc
 * template` renders it (values coalesced, every template parsed and
 * executed, the manifest sorted and printed), and the time per render is
 * printed.  Loading and process start-up are left out; tests/bench/
 * template-vs-helm.py measures those against helm.
 *
 *   bench_chart CHART_DIR [N]     N renders (default 200)
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "base/buf.h"
#include "helmc/chart.h"
#include "helmc/error.h"
#include "helmc/render.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One render and its printing; the output's size, or 0 after printing the error. */
static size_t render_once(const struct hc_chart *chart, const char *dir)
{
    struct hc_render_opts ro = {.release_name = "release-name", .namespace_ = "default"};
    struct hc_render_result res;
    struct hc_error err;
    hc_error_init(&err);
    size_t len = 0;
    if (hc_render_chart(chart, &ro, &res, &err) == HC_OK) {
        struct hc_template_print_opts po = {0};
        struct hc_buf out = HC_BUF_INIT;
        if (hc_render_template_output(&res, &po, &out, &err) == HC_OK)
            len = out.len;
        hc_buf_release(&out);
    }
    if (!len)
        fprintf(stderr, "bench_chart: %s: %s\n", dir, hc_error_msg(&err));
    hc_render_result_release(&res);
    hc_error_release(&err);
    return len;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: bench_chart CHART_DIR [N]\n");
        return 2;
    }
    long n = argc == 3 ? strtol(argv[2], NULL, 10) : 200;
    if (n <= 0)
        n = 200;
    struct hc_chart *chart;
    struct hc_error err;
    hc_error_init(&err);
    if (hc_chart_load_dir(argv[1], NULL, &chart, &err) != HC_OK) {
        fprintf(stderr, "bench_chart: %s\n", hc_error_msg(&err));
        hc_error_release(&err);
        return 1;
    }
    size_t bytes = render_once(chart, argv[1]); /* warm-up and check */
    if (!bytes) {
        hc_chart_free(chart);
        return 1;
    }
    double t0 = now_s();
    for (long i = 0; i < n; i++)
        if (!render_once(chart, argv[1])) {
            hc_chart_free(chart);
            return 1;
        }
    double per = (now_s() - t0) / (double)n;
    printf("%s: %ld renders, %.1f us per render, %zu bytes of output\n", argv[1], n, per * 1e6,
           bytes);
    hc_chart_free(chart);
    return 0;
}
