/* The subcommands of `descent`. Each takes the arguments after its name and returns
 * the process exit code (0 ok, 1 a check failed, 2 usage, 3 I/O). */
#ifndef DESCENT_CLI_COMMANDS_H
#define DESCENT_CLI_COMMANDS_H

int cmd_train(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_bench(int argc, char **argv);
int cmd_grad(int argc, char **argv);
int cmd_sample(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_sweep(int argc, char **argv);
int cmd_verify(int argc, char **argv);

#endif
