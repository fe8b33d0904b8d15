#!/usr/bin/python3
"""Writes tests/reference/optim.txt: five steps of torch.optim.SGD (plain, momentum,
Nesterov), Adam (L2 weight decay) and AdamW on a fixed two-tensor problem, for
tests/optim/optim_reference.c. Run from anywhere with Debian's python (torch 1.13):

    /usr/bin/python3 scripts/gen_optim_reference.py

The problem: a (3,4) tensor "weight" with weight decay and a (4) tensor "bias"
without (a torch param group with weight_decay 0), initial values and five gradients
drawn from torch.manual_seed(1234) in float32. The bias gradients are small (×1e-2)
so that eps matters in the Adam denominators. Every optimizer runs with foreach=False,
the single-tensor code path.

Format: plain text, one record per line, fields separated by single spaces; lines
starting with '#' are comments. Floats are printed with 9 significant digits (float32
values round-trip exactly) or as Python reprs (double hyperparameters).

    tensor <name> <decay 0|1> <numel> <dim>...        the problem's tensors, in order
    init <name> <numel values>                       initial values
    grad <step> <name> <numel values>                gradient at step 1..5
    opt <optimizer> lr <x> momentum <x> beta1 <x> beta2 <x> eps <x> weight_decay <x>
    after <optimizer> <step> <name> <numel values>   the tensor after step 1..5

<optimizer> is the descent name (sgd, momentum, nesterov, adam, adamw).
"""
import torch

from reference_file import write_reference

STEPS = 5
OPTS = [
    # name, torch class, kwargs, descent hyperparameters
    ("sgd", torch.optim.SGD, dict(lr=0.1, weight_decay=0.1),
     dict(lr=0.1, momentum=0.0, beta1=0.0, beta2=0.0, eps=0.0, weight_decay=0.1)),
    ("momentum", torch.optim.SGD, dict(lr=0.1, momentum=0.9, weight_decay=0.1),
     dict(lr=0.1, momentum=0.9, beta1=0.0, beta2=0.0, eps=0.0, weight_decay=0.1)),
    ("nesterov", torch.optim.SGD, dict(lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.1),
     dict(lr=0.1, momentum=0.9, beta1=0.0, beta2=0.0, eps=0.0, weight_decay=0.1)),
    ("adam", torch.optim.Adam, dict(lr=0.01, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.1),
     dict(lr=0.01, momentum=0.0, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.1)),
    ("adamw", torch.optim.AdamW, dict(lr=0.01, betas=(0.9, 0.95), eps=1e-3, weight_decay=0.1),
     dict(lr=0.01, momentum=0.0, beta1=0.9, beta2=0.95, eps=1e-3, weight_decay=0.1)),
]


def fmt(t):
    return " ".join("%.9g" % float(x) for x in t.detach().reshape(-1).tolist())


def main():
    torch.manual_seed(1234)
    shapes = {"weight": (3, 4), "bias": (4,)}
    decay = {"weight": True, "bias": False}
    init = {"weight": torch.randn(3, 4), "bias": torch.randn(4)}
    grads = [{"weight": torch.randn(3, 4), "bias": torch.randn(4) * 1e-2} for _ in range(STEPS)]

    lines = ["# written by scripts/gen_optim_reference.py (torch %s); format in its header"
             % torch.__version__]
    for name in shapes:
        lines.append("tensor %s %d %d %s" % (name, decay[name], init[name].numel(),
                                             " ".join(str(d) for d in shapes[name])))
    for name in shapes:
        lines.append("init %s %s" % (name, fmt(init[name])))
    for s, g in enumerate(grads, 1):
        for name in shapes:
            lines.append("grad %d %s %s" % (s, name, fmt(g[name])))

    for opt_name, cls, kw, hyper in OPTS:
        params = {n: init[n].clone().requires_grad_(True) for n in shapes}
        groups = [{"params": [params["weight"]]},
                  {"params": [params["bias"]], "weight_decay": 0.0}]
        opt = cls(groups, foreach=False, **kw)
        lines.append("opt %s %s" % (opt_name, " ".join("%s %r" % kv for kv in hyper.items())))
        for s, g in enumerate(grads, 1):
            for n in shapes:
                params[n].grad = g[n].clone()
            opt.step()
            for n in shapes:
                lines.append("after %s %d %s %s" % (opt_name, s, n, fmt(params[n])))

    write_reference("optim.txt", lines)


if __name__ == "__main__":
    main()
