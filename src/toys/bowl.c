/* The ill-conditioned quadratic bowl of C03: two curvatures, 1 along the bowl's first
 * axis and 1/κ along its second, the axes turned by `rotation` degrees against the
 * coordinates w1, w2:
 *
 *   (u, v) = Rᵀ(θ) w = (cos θ·w1 + sin θ·w2, −sin θ·w1 + cos θ·w2)
 *   L(w) = ½ (u² + v²/κ),   ∇L(w) = R(θ) (u, v/κ),   minimum at w = 0.
 *
 * κ = kappa is the condition number (the ratio of the Hessian's eigenvalues). Keeping
 * the steepest curvature at 1 keeps plain descent's usable learning rates (below 2)
 * the same for every κ; the shallow direction is what gets slower. At rotation 0 the
 * axes are the coordinates, which per-coordinate methods (Adam) can exploit; at 45°
 * each coordinate mixes both curvatures. */
#include <math.h>

#include "toys/landscape.h"

static void axes(double *c, double *s, const LandscapeArgs *a)
{
    double th = a->rotation * (3.14159265358979323846 / 180);
    *c = cos(th), *s = sin(th);
}

static double bowl_loss(const double *w, const LandscapeArgs *a)
{
    double c, s;
    axes(&c, &s, a);
    double u = c * w[0] + s * w[1], v = -s * w[0] + c * w[1];
    return 0.5 * (u * u + v * v / a->kappa);
}

static void bowl_grad(double *g, const double *w, const LandscapeArgs *a)
{
    double c, s;
    axes(&c, &s, a);
    double u = c * w[0] + s * w[1], v = (-s * w[0] + c * w[1]) / a->kappa;
    g[0] = c * u - s * v;
    g[1] = s * u + c * v;
}

static const double bowl_min[2] = {0, 0};

const Landscape landscape_bowl = {
    "bowl", 2, bowl_loss, bowl_grad,
    "0.5*((cos(th)*x+sin(th)*y)**2 + (-sin(th)*x+cos(th)*y)**2/kappa)", bowl_min, 0, NULL};
