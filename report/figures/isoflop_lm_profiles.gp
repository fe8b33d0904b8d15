# isoflop_lm_profiles.gp: isoflop_lm: validation loss against model size at fixed compute
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot isoflop_lm_profiles.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'isoflop_lm_profiles.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'isoflop_lm: validation loss against model size at fixed compute' noenhanced
set logscale x
set xlabel 'parameters N'
set ylabel 'validation loss (nats per token)'
set format x '10^{%L}'
plot '-' using 1:2 with points lc rgb '#0072b2' pt 7 ps 1 title 'C = 1e+11 FLOPs', \
  (x >= 6672 && x <= 406160 ? 2.68247432 + -0.51833722*log10(x) + 0.0996019271*log10(x)**2 : 1/0) with lines lc rgb '#0072b2' lw 1.2 notitle, '-' using 1:2 with points lc rgb '#d55e00' pt 7 ps 1 title 'C = 3e+11 FLOPs', \
  (x >= 6672 && x <= 406160 ? 1.13222246 + 0.152090103*log10(x) + 0.0165948098*log10(x)**2 : 1/0) with lines lc rgb '#d55e00' lw 1.2 notitle, '-' using 1:2 with points lc rgb '#009e73' pt 7 ps 1 title 'C = 1e+12 FLOPs', \
  (x >= 6672 && x <= 406160 ? 6.50275228 + -2.24541311*log10(x) + 0.267696648*log10(x)**2 : 1/0) with lines lc rgb '#009e73' lw 1.2 notitle
6672 2.151
32192 2.38937
94992 2.56185
213504 2.72853
406160 2.9237
e
6672 1.96537
32192 2.11969
94992 2.33765
213504 2.41293
406160 2.49776
e
6672 1.85317
32192 1.74272
94992 2.00468
213504 2.19884
406160 2.27978
e
