# lr_sweep_lm_gradnorm.gp: lr_sweep_lm: global gradient norm (before clipping) at each series' best learning rate
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot lr_sweep_lm_gradnorm.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'lr_sweep_lm_gradnorm.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'lr_sweep_lm: global gradient norm (before clipping) at each series'' best learning rate' noenhanced
set xlabel 'optimizer step'
set ylabel 'global gradient norm (before clipping)'
set logscale y 10
set format y '10^{%L}'
$c0 << EOD
# step mean min max
100 1.17551 1.1714 1.18297
200 0.818758 0.805097 0.838345
300 0.790395 0.771491 0.803751
400 0.78233 0.753362 0.80892
500 0.755206 0.736129 0.773129
600 0.77555 0.767959 0.780266
EOD
$c1 << EOD
# step mean min max
100 0.785666 0.755739 0.809369
200 0.581416 0.548283 0.602124
300 0.624364 0.597572 0.64517
400 0.602525 0.590363 0.613993
500 0.619167 0.604098 0.629201
600 0.64838 0.629699 0.677591
EOD
$c2 << EOD
# step mean min max
100 0.998758 0.782103 1.30813
200 0.869742 0.6516 1.07191
300 1.34173 1.2477 1.41353
400 1.55835 1.48734 1.67272
500 1.74349 1.63507 1.83464
600 1.76041 1.6732 1.84974
EOD
plot \
  $c0 using 1:3:4 with filledcurves fc rgb '#0072b2' fs transparent solid 0.15 noborder notitle, \
  $c0 using 1:2 with lines lc rgb '#0072b2' lw 2 title 'sgd (lr 0.3162)', \
  $c1 using 1:3:4 with filledcurves fc rgb '#d55e00' fs transparent solid 0.15 noborder notitle, \
  $c1 using 1:2 with lines lc rgb '#d55e00' lw 2 title 'momentum (lr 0.1)', \
  $c2 using 1:3:4 with filledcurves fc rgb '#009e73' fs transparent solid 0.15 noborder notitle, \
  $c2 using 1:2 with lines lc rgb '#009e73' lw 2 title 'adamw (lr 0.003162)'
