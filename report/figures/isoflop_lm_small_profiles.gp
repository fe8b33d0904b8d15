# isoflop_lm_small_profiles.gp: isoflop_lm_small: validation loss against model size at fixed compute
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot isoflop_lm_small_profiles.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'isoflop_lm_small_profiles.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'isoflop_lm_small: validation loss against model size at fixed compute' noenhanced
set logscale x
set xlabel 'parameters N'
set ylabel 'validation loss (nats per token)'
set format x '10^{%L}'
plot '-' using 1:2 with points lc rgb '#0072b2' pt 7 ps 1 title 'C = 3e+10 FLOPs', \
  (x >= 2568 && x <= 107080 ? 3.84299687 + -1.12165963*log10(x) + 0.204825525*log10(x)**2 : 1/0) with lines lc rgb '#0072b2' lw 1.2 notitle, '-' using 1:2 with points lc rgb '#d55e00' pt 7 ps 1 title 'C = 1e+11 FLOPs', \
  (x >= 2568 && x <= 107080 ? 3.90511985 + -1.03247779*log10(x) + 0.156880172*log10(x)**2 : 1/0) with lines lc rgb '#d55e00' lw 1.2 notitle, '-' using 1:2 with points lc rgb '#009e73' pt 7 ps 1 title 'C = 3e+11 FLOPs', \
  (x >= 2568 && x <= 107080 ? 4.77243167 + -1.42337987*log10(x) + 0.189025989*log10(x)**2 : 1/0) with lines lc rgb '#009e73' lw 1.2 notitle
2568 2.41628
9952 2.57569
26760 2.93447
57600 3.16828
107080 3.35765
e
2568 2.20754
9952 2.28753
26760 2.40974
57600 2.53966
107080 2.68408
e
2568 2.13241
9952 2.04977
26760 2.21467
57600 2.30383
107080 2.37049
e
