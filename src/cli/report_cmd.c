/* descent report: the report pages and figures from experiments/ and results/ (never trains). */
#include <stdio.h>
#include <string.h>

#include "cli/args.h"
#include "cli/commands.h"
#include "core/timer.h"
#include "report/report.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: descent report [--root DIR] [--no-render]\n"
               "\n"
               "Reads DIR/experiments/*.ini and DIR/results/ (DIR defaults to the current folder)\n"
               "and writes DIR/report/REPORT.md (every claim with the verdicts its experiments' rules\n"
               "compute, a paragraph per area of the catalogue), DIR/report/NAME.md for each experiment\n"
               "(setup, figures, numbers over seeds, verdict, memory, provenance), DIR/report/figures/\n"
               "(*.gp and *.svg), and the Tested-by lines of DIR/docs/CLAIMS.md if it exists. It never\n"
               "trains: `descent sweep` makes the results.\n"
               "--no-render writes the gnuplot scripts without running gnuplot.\n");
}

int cmd_report(int argc, char **argv)
{
    const char *root = ".", *no_render = NULL;
    const CmdOption opts[] = {
        {"root", true, "folder holding experiments/ and results/", &root},
        {"no-render", false, "do not run gnuplot", &no_render},
    };
    static SettingPairs pairs;
    bool help;
    Status st = args_parse(argc, argv, opts, 2, &pairs, &help);
    if (help) return usage(stdout), 0;
    if (st != ST_OK) return report_error("report", st);
    if (pairs.n)
        return err_set(ST_USAGE, "--%s: report takes no settings (see descent report --help)",
                       pairs.item[0].key),
               report_error("report", ST_USAGE);
    double t0 = now_s();
    ReportOptions o = {root, no_render == NULL};
    if ((st = report_build(&o)) != ST_OK) return report_error("report", st);
    printf("wrote %s/report/REPORT.md in %.2f s\n", strcmp(root, ".") ? root : ".", now_s() - t0);
    return 0;
}
