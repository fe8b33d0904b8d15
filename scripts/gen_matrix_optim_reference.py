#!/usr/bin/python3
"""Writes tests/reference/optim_matrix.txt: six steps of Shampoo, Muon and schedule-free
AdamW on a fixed four-tensor problem, computed from the papers' equations in float64,
for tests/optim/optim_matrix_reference.c. torch 1.13 has none of the three, so this is
numpy only (Debian's python3-numpy):

    /usr/bin/python3 scripts/gen_matrix_optim_reference.py

The equations (each optimizer's C file says the same in its header):

Shampoo (Gupta, Koren & Singer 2018), grafted as in Anil et al. 2020 and blocked as
Distributed Shampoo does, on every tensor of two or more dimensions viewed as
(shape[0], rest); vectors take the AdamW step below. Per matrix, with t from 1:
    w ← w·(1 − lr·wd)                                      (decoupled, decayed tensors)
    m ← β1·m + (1−β1)·g;  m̂ = m / (1 − β1^t)               (the filtered gradient)
    graft adam:    v ← β2·v + (1−β2)·g²;  d = m̂ / (√(v / (1 − β2^t)) + eps)
    graft adagrad: v ← v + g²;            d = m̂ / (√v + eps)
    per block b of at most block_size × block_size (row blocks × column blocks):
        L ← β·L + g_b·g_bᵀ;  R ← β·R + g_bᵀ·g_b            (β = shampoo_beta)
        when (t − 1) mod precondition_every = 0:
            L⁻¼ = Q·diag((max(λ, 0) + shampoo_eps)^−¼)·Qᵀ for L = Q·diag(λ)·Qᵀ, R likewise
        p = L⁻¼·m̂_b·R⁻¼;  w_b ← w_b − lr·p·‖d_b‖ / ‖p‖     (Frobenius norms; 0 if ‖p‖ = 0)

Muon (K. Jordan et al. 2024, github.com/KellerJordan/Muon), on hidden 2-D weights:
    m ← β·m + (1−β)·g;  u = (1−β)·g + β·m                  (β = momentum; Nesterov)
    X = u, transposed if rows > cols;  X ← X / (‖X‖ + 1e-7)
    ns_steps times: A = X·Xᵀ;  X ← a·X + (b·A + c·A·A)·X   (a, b, c) = (3.4445, −4.7750, 2.0315)
    transposed back;  w ← w·(1 − lr·wd) − lr·√max(1, rows/cols)·X
the other tensors (embeddings, first and last layers, vectors) take AdamW at
lr·adam_lr_ratio.

AdamW (as torch.optim.AdamW): w ← w·(1 − lr·wd); m ← β1·m + (1−β1)·g;
v ← β2·v + (1−β2)·g²; w ← w − lr·(m / (1 − β1^t)) / (√(v / (1 − β2^t)) + eps).

Schedule-free AdamW (Defazio et al. 2024, Algorithm 1 with the Adam denominator, and the
weighting c = lr_max² / Σ lr_max² of github.com/facebookresearch/schedule_free):
    z₁ = x₁ = w₀;  y_t = (1−β1)·z_t + β1·x_t  (gradients are taken at y)
    v ← β2·v + (1−β2)·g²;  d = g / (√(v / (1 − β2^t)) + eps) + wd·y_t
    lr_max ← max(lr_max, lr_t);  c = lr_max² / Σ_{i≤t} lr_max,i²
    z_{t+1} = z_t − lr_t·d;  x_{t+1} = (1−c)·x_t + c·z_{t+1}
with lr_t = lr·min(1, t / warmup) (the linear warmup of the training schedule). The
weights are y while training; the loss is evaluated at x.

The problem: tensors "embed" (5,3) decayed, not hidden; "hidden" (4,6) decayed, hidden;
"tall" (6,4) decayed, hidden; "bias" (4) not decayed. Initial values and six gradients
from numpy's default_rng(1234), rounded to float32 (the bias gradients ×1e-2). Wrong
variants (labels ending in _wrong) are the same equations with one deliberate mistake;
the test requires the library to be far from them.

Format: plain text, one record per line, single spaces; '#' lines are comments.

    tensor <name> <decay 0|1> <hidden 0|1> <numel> <dim>...
    init <name> <values>
    grad <step> <name> <values>
    opt <label> <optimizer> <key> <value>...     hyperparameters (lr is before warmup)
    after <label> <step> <name> <values>         the weights after the step (y for schedulefree)
    xpoint <label> <step> <name> <values>        schedulefree: the averaged point x
"""
import numpy as np

from reference_file import write_reference

STEPS = 6
NS_COEFFS = (3.4445, -4.7750, 2.0315)

TENSORS = [  # name, shape, decay, hidden
    ("embed", (5, 3), 1, 0),
    ("hidden", (4, 6), 1, 1),
    ("tall", (6, 4), 1, 1),
    ("bias", (4,), 0, 0),
]

BASE = dict(lr=0.01, momentum=0.0, beta1=0.9, beta2=0.95, eps=1e-3, weight_decay=0.1,
            shampoo_beta=1.0, shampoo_eps=1e-6, precondition_every=2, block_size=4,
            graft="adam", ns_steps=5, adam_lr_ratio=1.0, warmup=0)

OPTS = [  # label, optimizer, hyperparameters over BASE, wrong variant
    ("shampoo", "shampoo", dict(), None),
    ("shampoo_adagrad", "shampoo",
     dict(graft="adagrad", shampoo_beta=0.9, precondition_every=3, block_size=3), None),
    ("shampoo_wrong", "shampoo", dict(), "inverse square root instead of the fourth root"),
    ("muon", "muon", dict(lr=0.02, momentum=0.95, adam_lr_ratio=0.5), None),
    ("muon_wrong", "muon", dict(lr=0.02, momentum=0.95, adam_lr_ratio=0.5),
     "no aspect-ratio scaling"),
    ("schedulefree", "schedulefree", dict(lr=0.02, beta2=0.999, eps=1e-8, warmup=3), None),
    ("schedulefree_wrong", "schedulefree", dict(lr=0.02, beta2=0.999, eps=1e-8, warmup=3),
     "uniform average (c = 1/t) instead of the lr² weighting"),
]


def f32(a):
    return np.asarray(a, dtype=np.float32).astype(np.float64)


def fmt(a):
    return " ".join("%.9g" % x for x in np.asarray(a, dtype=np.float64).reshape(-1))


def fmt17(a):
    """The double values, round-tripping (the references are float64)."""
    return " ".join(repr(float(x)) for x in np.asarray(a, dtype=np.float64).reshape(-1))


def adamw(w, g, st, t, lr, h, wd):
    m, v = st.setdefault("m", np.zeros_like(w)), st.setdefault("v", np.zeros_like(w))
    w *= 1 - lr * wd
    m *= h["beta1"]
    m += (1 - h["beta1"]) * g
    v *= h["beta2"]
    v += (1 - h["beta2"]) * g * g
    w -= lr * (m / (1 - h["beta1"] ** t)) / (np.sqrt(v / (1 - h["beta2"] ** t)) + h["eps"])


def inv_root(a, eps, p):
    lam, q = np.linalg.eigh(a)
    return (q * (np.maximum(lam, 0) + eps) ** (-1.0 / p)) @ q.T


def blocks(rows, cols, bs):
    for r0 in range(0, rows, bs):
        for c0 in range(0, cols, bs):
            yield slice(r0, min(r0 + bs, rows)), slice(c0, min(c0 + bs, cols))


def shampoo(w, g, st, t, h, wd, wrong):
    if w.ndim == 1:
        return adamw(w, g, st, t, h["lr"], h, wd)
    rows = w.shape[0]
    w2, g2 = w.reshape(rows, -1), g.reshape(rows, -1)
    b1, b2 = h["beta1"], h["beta2"]
    m, v = st.setdefault("m", np.zeros_like(g2)), st.setdefault("v", np.zeros_like(g2))
    w2 *= 1 - h["lr"] * wd
    m *= b1
    m += (1 - b1) * g2
    mh = m / (1 - b1 ** t)
    if h["graft"] == "adam":
        v *= b2
        v += (1 - b2) * g2 * g2
        d = mh / (np.sqrt(v / (1 - b2 ** t)) + h["eps"])
    else:
        v += g2 * g2
        d = mh / (np.sqrt(v) + h["eps"])
    root = 2 if wrong else 4
    for k, (rs, cs) in enumerate(blocks(rows, g2.shape[1], h["block_size"])):
        gb = g2[rs, cs]
        b = st.setdefault(k, dict(L=np.zeros((gb.shape[0],) * 2), R=np.zeros((gb.shape[1],) * 2)))
        b["L"] = h["shampoo_beta"] * b["L"] + gb @ gb.T
        b["R"] = h["shampoo_beta"] * b["R"] + gb.T @ gb
        if (t - 1) % h["precondition_every"] == 0:
            b["Li"] = inv_root(b["L"], h["shampoo_eps"], root)
            b["Ri"] = inv_root(b["R"], h["shampoo_eps"], root)
        p = b["Li"] @ mh[rs, cs] @ b["Ri"]
        pn = np.linalg.norm(p)
        scale = np.linalg.norm(d[rs, cs]) / pn if pn > 0 else 0.0
        w2[rs, cs] -= h["lr"] * scale * p


def newton_schulz(u, steps):
    a, b, c = NS_COEFFS
    tall = u.shape[0] > u.shape[1]
    x = u.T if tall else u
    x = x / (np.linalg.norm(x) + 1e-7)
    for _ in range(steps):
        A = x @ x.T
        x = a * x + (b * A + c * A @ A) @ x
    return x.T if tall else x


def muon(w, g, st, t, h, wd, hidden, wrong):
    if not hidden:
        return adamw(w, g, st, t, h["lr"] * h["adam_lr_ratio"], h, wd)
    beta = h["momentum"]
    m = st.setdefault("m", np.zeros_like(w))
    m *= beta
    m += (1 - beta) * g
    u = (1 - beta) * g + beta * m
    x = newton_schulz(u, h["ns_steps"])
    if not wrong:
        x = x * max(1.0, w.shape[0] / w.shape[1]) ** 0.5
    w *= 1 - h["lr"] * wd
    w -= h["lr"] * x


def schedulefree(xs, zs, ws, grads, sts, t, h, wrong, glob):
    lr = h["lr"] * (min(1.0, t / h["warmup"]) if h["warmup"] > 0 else 1.0)
    glob["lr_max"] = max(glob.get("lr_max", 0.0), lr)
    weight = 1.0 if wrong else glob["lr_max"] ** 2
    glob["wsum"] = glob.get("wsum", 0.0) + weight
    c = weight / glob["wsum"]
    b1, b2 = h["beta1"], h["beta2"]
    for i, (_, _, decay, _) in enumerate(TENSORS):
        g, st = grads[i], sts[i]
        y = (1 - b1) * zs[i] + b1 * xs[i]
        v = st.setdefault("v", np.zeros_like(g))
        v *= b2
        v += (1 - b2) * g * g
        d = g / (np.sqrt(v / (1 - b2 ** t)) + h["eps"]) + (h["weight_decay"] if decay else 0) * y
        zs[i] = zs[i] - lr * d
        xs[i] = (1 - c) * xs[i] + c * zs[i]
        ws[i] = (1 - b1) * zs[i] + b1 * xs[i]


def main():
    rng = np.random.default_rng(1234)
    init = [f32(rng.standard_normal(shape)) for _, shape, _, _ in TENSORS]
    grads = [[f32(rng.standard_normal(shape) * (1e-2 if len(shape) == 1 else 1.0))
              for _, shape, _, _ in TENSORS] for _ in range(STEPS)]

    lines = ["# written by scripts/gen_matrix_optim_reference.py (numpy %s); format in its header"
             % np.__version__]
    for (name, shape, decay, hidden), w in zip(TENSORS, init):
        lines.append("tensor %s %d %d %d %s" % (name, decay, hidden, w.size,
                                                " ".join(str(d) for d in shape)))
    for (name, _, _, _), w in zip(TENSORS, init):
        lines.append("init %s %s" % (name, fmt(w)))
    for s, gs in enumerate(grads, 1):
        for (name, _, _, _), g in zip(TENSORS, gs):
            lines.append("grad %d %s %s" % (s, name, fmt(g)))

    for label, opt, over, wrong in OPTS:
        h = dict(BASE, **over)
        if wrong:
            lines.append("# %s: %s" % (label, wrong))
        lines.append("opt %s %s %s" % (label, opt, " ".join("%s %s" % (k, h[k]) for k in BASE)))
        ws = [w.copy() for w in init]
        sts = [dict() for _ in TENSORS]
        xs, zs, glob = [w.copy() for w in init], [w.copy() for w in init], {}
        for s in range(1, STEPS + 1):
            if opt == "schedulefree":
                schedulefree(xs, zs, ws, grads[s - 1], sts, s, h, wrong, glob)
            for i, (name, _, decay, hidden) in enumerate(TENSORS):
                wd = h["weight_decay"] if decay else 0.0
                if opt == "shampoo":
                    shampoo(ws[i], grads[s - 1][i], sts[i], s, h, wd, wrong)
                elif opt == "muon":
                    muon(ws[i], grads[s - 1][i], sts[i], s, h, wd, hidden, wrong)
            for i, (name, _, _, _) in enumerate(TENSORS):
                lines.append("after %s %d %s %s" % (label, s, name, fmt17(ws[i])))
                if opt == "schedulefree":
                    lines.append("xpoint %s %d %s %s" % (label, s, name, fmt17(xs[i])))

    write_reference("optim_matrix.txt", lines)


if __name__ == "__main__":
    main()
