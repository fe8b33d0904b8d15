#!/usr/bin/python3
"""PyTorch reference for the GPT: loss and every parameter's gradient, and the losses
of 10 AdamW steps, from checkpoints and a batch that descent wrote.

Usage: /usr/bin/python3 scripts/gen_gpt_reference.py [path/to/descent]
(Debian's python3 with python3-torch 1.13; run from the repository root.)

For each configuration it trains a tiny GPT for 20 steps with `descent train --save`
(so that norm gains and biases are no longer 1 and 0), writes a batch file of random
token ids, rebuilds the same model in PyTorch from the checkpoint (names, layouts and
settings from its metadata) and writes, under tests/reference/gpt/:

  <config>.model.safetensors   the checkpoint descent wrote
  <config>.batch.txt           the batch: one sequence of context+1 ids per line
  <config>.torch.safetensors   "loss" (1) and the gradient of each parameter, float64
                               computation stored as float32
  adamw_losses.txt             (first config) the loss before each of 10 AdamW steps on
                               that batch: lr 1e-3, betas (0.9, 0.95), eps 1e-8, weight
                               decay 0.1 on 2-D tensors, no clipping, constant lr

tests/gpt/gpt_reference.c compares descent against these files.
"""
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile

import numpy as np
import torch
import torch.nn.functional as F

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "reference", "gpt")
DESCENT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build", "descent")

BASE = ["--model", "gpt", "--data", "markov", "--markov_alphabet", "16", "--layers", "2",
        "--width", "32", "--heads", "4", "--context", "16", "--batch", "4", "--steps", "20",
        "--lr", "3e-3", "--warmup", "0", "--seed", "5", "--val_tokens", "256", "--quiet"]
CONFIGS = {
    "pre_layer_gelu": ["--norm", "layer", "--norm_position", "pre", "--residual", "on",
                       "--act", "gelu"],
    "post_noresid": ["--norm", "layer", "--norm_position", "post", "--residual", "off",
                     "--act", "gelu"],
    "rms_relu_tied": ["--norm", "rms", "--norm_position", "pre", "--residual", "on",
                      "--act", "relu", "--tie_embeddings", "on"],
}
ROWS = 4


def st_read(path):
    with open(path, "rb") as f:
        raw = f.read()
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + n])
    meta = header.pop("__metadata__", {})
    tensors = {}
    for name, info in header.items():
        a, b = info["data_offsets"]
        arr = np.frombuffer(raw[8 + n + a:8 + n + b], dtype="<f4").reshape(info["shape"])
        tensors[name] = arr.copy()
    return tensors, meta


def st_write(path, tensors):
    header, offset, blobs = {}, 0, []
    for name, arr in tensors.items():
        data = np.ascontiguousarray(arr, dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(arr.shape),
                        "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * (-len(h) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))


def norm(x, p, name, kind):
    if kind == "none":
        return x
    w = p[name + ".w"]
    if kind == "layer":
        return F.layer_norm(x, (x.shape[-1],), w, p[name + ".b"], 1e-5)
    return x * torch.rsqrt((x * x).mean(-1, keepdim=True) + 1e-5) * w


def gpt_loss(p, meta, tok):
    """Mean cross-entropy of tok (B, T+1), as gpt.h defines the model."""
    L, C, H = int(meta["layers"]), int(meta["width"]), int(meta["heads"])
    kind, post, resid = meta["norm"], meta["norm_position"] == "post", meta["residual"] == "on"
    act = (lambda x: F.gelu(x, approximate="tanh")) if meta["act"] == "gelu" else F.relu
    inp, tgt = tok[:, :-1], tok[:, 1:]
    B, T = inp.shape
    D = C // H
    x = p["wte"][inp] + p["wpe"][:T]
    mask = torch.tril(torch.ones(T, T, dtype=torch.bool))

    def attn(x, l):
        qkv = x @ p[f"h.{l}.attn.qkv.w"].T + p[f"h.{l}.attn.qkv.b"]
        q, k, v = qkv.split(C, dim=-1)
        q, k, v = (t.view(B, T, H, D).transpose(1, 2) for t in (q, k, v))
        att = (q @ k.transpose(-2, -1)) / (D ** 0.5)
        att = att.masked_fill(~mask, float("-inf")).softmax(-1)
        y = (att @ v).transpose(1, 2).reshape(B, T, C)
        return y @ p[f"h.{l}.attn.proj.w"].T + p[f"h.{l}.attn.proj.b"]

    def mlp(x, l):
        h = act(x @ p[f"h.{l}.mlp.fc.w"].T + p[f"h.{l}.mlp.fc.b"])
        return h @ p[f"h.{l}.mlp.proj.w"].T + p[f"h.{l}.mlp.proj.b"]

    for l in range(L):
        n1, n2 = f"h.{l}.ln1", f"h.{l}.ln2"
        if not post:
            a = attn(norm(x, p, n1, kind), l)
            x = x + a if resid else a
            m = mlp(norm(x, p, n2, kind), l)
            x = x + m if resid else m
        else:
            a = attn(x, l)
            x = norm(x + a if resid else a, p, n1, kind)
            m = mlp(x, l)
            x = norm(x + m if resid else m, p, n2, kind)
    x = norm(x, p, "ln_f", kind)
    head = p["wte"] if meta["tie_embeddings"] == "on" else p["lm_head.w"]
    logits = x @ head.T
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), tgt.reshape(-1))


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(2024)
    first = True
    for name, args in CONFIGS.items():
        tmp = tempfile.mkdtemp()
        subprocess.run([DESCENT, "train", *BASE, *args, "--out", tmp, "--save"], check=True)
        model = os.path.join(OUT, name + ".model.safetensors")
        shutil.copyfile(os.path.join(tmp, "model.safetensors"), model)
        shutil.rmtree(tmp)
        weights, meta = st_read(model)
        T, V = int(meta["context"]), weights["wte"].shape[0]
        tok = rng.integers(0, V, size=(ROWS, T + 1))
        with open(os.path.join(OUT, name + ".batch.txt"), "w") as f:
            for row in tok:
                f.write(" ".join(str(int(t)) for t in row) + "\n")
        tok = torch.tensor(tok)

        p = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in weights.items()}
        loss = gpt_loss(p, meta, tok)
        loss.backward()
        out = {"loss": np.array([loss.item()])}
        for k in weights:
            out[k] = p[k].grad.numpy()
        st_write(os.path.join(OUT, name + ".torch.safetensors"), out)
        print(f"{name}: loss {loss.item():.6f}, {len(weights)} tensors")

        if first:  # 10 AdamW steps from this checkpoint on this batch
            first = False
            p = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in weights.items()}
            groups = [{"params": [t for t in p.values() if t.dim() >= 2], "weight_decay": 0.1},
                      {"params": [t for t in p.values() if t.dim() < 2], "weight_decay": 0.0}]
            opt = torch.optim.AdamW(groups, lr=1e-3, betas=(0.9, 0.95), eps=1e-8)
            losses = []
            for _ in range(10):
                opt.zero_grad()
                loss = gpt_loss(p, meta, tok)
                loss.backward()
                opt.step()
                losses.append(loss.item())
            with open(os.path.join(OUT, "adamw_losses.txt"), "w") as f:
                f.write(f"# {name}: loss before each of 10 AdamW steps (lr 1e-3, betas 0.9 0.95,"
                        " eps 1e-8, weight decay 0.1 on 2-D tensors)\n")
                for v in losses:
                    f.write(f"{v:.12f}\n")
            print("adamw losses", " ".join(f"{v:.6f}" for v in losses))


if __name__ == "__main__":
    main()
