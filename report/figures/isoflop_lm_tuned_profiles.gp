# isoflop_lm_tuned_profiles.gp: isoflop_lm_tuned: validation loss against model size at fixed compute
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot isoflop_lm_tuned_profiles.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'isoflop_lm_tuned_profiles.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'isoflop_lm_tuned: validation loss against model size at fixed compute' noenhanced
set logscale x
set xlabel 'parameters N'
set ylabel 'validation loss (nats per token)'
set format x '10^{%L}'
plot '-' using 1:2 with points lc rgb '#0072b2' pt 7 ps 1 title 'C = 3e+10 FLOPs', \
  (x >= 2568 && x <= 107080 ? 4.30219378 + -1.2042234*log10(x) + 0.171855899*log10(x)**2 : 1/0) with lines lc rgb '#0072b2' lw 1.2 notitle, '-' using 1:2 with points lc rgb '#d55e00' pt 7 ps 1 title 'C = 1e+11 FLOPs', \
  (x >= 2568 && x <= 107080 ? 7.94411491 + -3.03412511*log10(x) + 0.386922248*log10(x)**2 : 1/0) with lines lc rgb '#d55e00' lw 1.2 notitle, '-' using 1:2 with points lc rgb '#009e73' pt 7 ps 1 title 'C = 3e+11 FLOPs', \
  (x >= 2568 && x <= 107080 ? 12.2999633 + -5.05275265*log10(x) + 0.604478386*log10(x)**2 : 1/0) with lines lc rgb '#009e73' lw 1.2 notitle, \
  '-' using 1:2 with points lc rgb '#009e73' pt 2 ps 2 notitle
2568 2.21827
9952 2.15105
26760 2.40421
57600 2.4943
107080 2.55734
e
2568 2.12585
9952 1.9046
26760 2.14866
57600 2.33497
107080 2.41688
e
2568 2.09356
9952 1.78283
26760 1.75659
57600 1.94551
107080 2.18365
e
15115.8 1.74115
e
