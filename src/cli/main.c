/* descent: the command-line entry point; dispatches to the subcommands. */
#include <stdio.h>
#include <string.h>

#include "version.h"

int main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0) {
        printf("descent %s\n", DESCENT_VERSION);
        return argc < 2 ? 2 : 0;
    }
    return 2;
}
