# optimizers_decay_lr_gpt_kjv.gp: optimizers_decay (gpt, kjv): final validation loss (nats) against learning rate
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot optimizers_decay_lr_gpt_kjv.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'optimizers_decay_lr_gpt_kjv.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'optimizers_decay (gpt, kjv): final validation loss (nats) against learning rate' noenhanced
set xrange [0.0002108:0.15]
set logscale x 10
set format x '10^{%L}'
set xlabel 'peak learning rate'
set ylabel 'final validation loss (nats)'
set yrange [2.29757:3.65914]
$s0 << EOD
# lr mean min max
0.0003162 3.01492 3.01098 3.02065
0.001 2.51907 2.51121 2.52396
0.003162 2.38253 2.36992 2.38908
0.01 2.35625 2.34373 2.3785
0.03162 2.46071 2.35269 2.53001
0.1 2.80071 2.72525 2.86839
EOD
$d0 << EOD
# lr (a seed diverged)
EOD
$s1 << EOD
# lr mean min max
0.0003162 3.01652 3.01258 3.02222
0.001 2.52058 2.51276 2.52547
0.003162 2.3836 2.37093 2.38995
0.01 2.35709 2.34643 2.37537
0.03162 2.45565 2.35897 2.50829
0.1 2.70264 2.66105 2.73657
EOD
$d1 << EOD
# lr (a seed diverged)
EOD
$s2 << EOD
# lr mean min max
0.0003162 3.03244 3.02856 3.03783
0.001 2.53676 2.52943 2.5417
0.003162 2.39698 2.38441 2.40448
0.01 2.377 2.36671 2.39183
0.03162 2.43563 2.41539 2.44648
0.1 2.53402 2.50767 2.57815
EOD
$d2 << EOD
# lr (a seed diverged)
EOD
$s3 << EOD
# lr mean min max
0.0003162 3.02131 3.01836 3.02705
0.001 2.55527 2.54939 2.56046
0.003162 2.43607 2.43123 2.43897
0.01 2.41816 2.41511 2.42076
0.03162 2.46278 2.45457 2.47794
0.1 2.62253 2.588 2.66785
EOD
$d3 << EOD
# lr (a seed diverged)
EOD
$s4 << EOD
# lr mean min max
0.0003162 3.11067 3.10557 3.11535
0.001 2.79571 2.79426 2.79783
0.003162 2.69334 2.68862 2.69653
0.01 2.59377 2.58682 2.6032
0.03162 2.56944 2.56589 2.57598
0.1 3.07975 3.07302 3.09112
EOD
$d4 << EOD
# lr (a seed diverged)
EOD
$s5 << EOD
# lr mean min max
0.0003162 3.4916 3.48722 3.49759
0.001 3.35499 3.35363 3.35654
0.003162 3.22077 3.21609 3.22665
0.01 3.13743 3.13083 3.15022
0.03162 3.11027 3.10347 3.12274
0.1 3.10781 3.09754 3.11767
EOD
$d5 << EOD
# lr (a seed diverged)
EOD
plot \
  $s0 using 1:3:4 with filledcurves fc rgb '#0072b2' fs transparent solid 0.15 noborder notitle, \
  $s0 using 1:2 with linespoints lc rgb '#0072b2' lw 2 pt 7 ps 0.7 title 'adamw, weight decay 0.01', \
  $s1 using 1:3:4 with filledcurves fc rgb '#d55e00' fs transparent solid 0.15 noborder notitle, \
  $s1 using 1:2 with linespoints lc rgb '#d55e00' lw 2 pt 7 ps 0.7 title 'adamw, weight decay 0.1', \
  $s2 using 1:3:4 with filledcurves fc rgb '#009e73' fs transparent solid 0.15 noborder notitle, \
  $s2 using 1:2 with linespoints lc rgb '#009e73' lw 2 pt 7 ps 0.7 title 'adamw, weight decay 1', \
  $s3 using 1:3:4 with filledcurves fc rgb '#cc79a7' fs transparent solid 0.15 noborder notitle, \
  $s3 using 1:2 with linespoints lc rgb '#cc79a7' lw 2 pt 7 ps 0.7 title 'adam, weight decay 0.01', \
  $s4 using 1:3:4 with filledcurves fc rgb '#e69f00' fs transparent solid 0.15 noborder notitle, \
  $s4 using 1:2 with linespoints lc rgb '#e69f00' lw 2 pt 7 ps 0.7 title 'adam, weight decay 0.1', \
  $s5 using 1:3:4 with filledcurves fc rgb '#56b4e9' fs transparent solid 0.15 noborder notitle, \
  $s5 using 1:2 with linespoints lc rgb '#56b4e9' lw 2 pt 7 ps 0.7 title 'adam, weight decay 1'
