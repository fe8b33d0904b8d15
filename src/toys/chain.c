/* The textbook's first backpropagation example (C07): one weight w, one input x = 2
 * and its target y = 1, L(w) = (wx − y)². The chain rule through the error e = wx − y
 * gives dL/dw = dL/de · de/dw = 2(wx − y)·x; `descent gradcheck` holds this hand-written
 * derivative against central differences as it does the models' backward passes. */
#include "toys/landscape.h"

enum { CHAIN_X = 2, CHAIN_Y = 1 };

static double chain_loss(const double *w, const LandscapeArgs *a)
{
    (void)a;
    double e = w[0] * CHAIN_X - CHAIN_Y;
    return e * e;
}

static void chain_grad(double *g, const double *w, const LandscapeArgs *a)
{
    (void)a;
    g[0] = 2 * (w[0] * CHAIN_X - CHAIN_Y) * CHAIN_X;
}

static const double chain_min[1] = {(double)CHAIN_Y / CHAIN_X};

const Landscape landscape_chain = {"chain", 1, chain_loss, chain_grad, "(2*x-1)**2", chain_min, 0, NULL};
