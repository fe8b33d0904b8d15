# optimizers_lr_mlp_fashion.gp: optimizers (mlp, fashion): final validation loss (nats) against learning rate
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot optimizers_lr_mlp_fashion.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'optimizers_lr_mlp_fashion.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'optimizers (mlp, fashion): final validation loss (nats) against learning rate' noenhanced
set xrange [6.66667e-06:4.743]
set logscale x 10
set format x '10^{%L}'
set xlabel 'peak learning rate'
set ylabel 'final validation loss (nats)'
set yrange [0.299296:2.58384]
$s0 << EOD
# lr mean min max
0.003162 1.73359 1.64533 1.85939
0.01 0.946262 0.919161 0.985213
0.03162 0.625026 0.619342 0.633299
0.1 0.493702 0.490992 0.496268
0.3162 0.433542 0.429077 0.438245
1 0.443053 0.434114 0.45169
3.162 1.12344 1.12344 1.12344
EOD
$d0 << EOD
# lr (a seed diverged)
3.162 2.46768
EOD
$s1 << EOD
# lr mean min max
0.001 0.969035 0.940256 1.01339
0.003162 0.633053 0.628423 0.642203
0.01 0.498768 0.49797 0.499504
0.03162 0.435859 0.434579 0.438259
0.1 0.423328 0.421499 0.425662
0.3162 0.501641 0.489176 0.51583
1 2.304 2.304 2.304
3.162 2.31279 2.31279 2.31279
EOD
$d1 << EOD
# lr (a seed diverged)
1 2.46768
3.162 2.46768
EOD
$s2 << EOD
# lr mean min max
3.162e-05 1.08474 1.03913 1.17143
0.0001 0.650674 0.641143 0.662122
0.0003162 0.495798 0.49399 0.499
0.001 0.4316 0.428622 0.436659
0.003162 0.412477 0.410581 0.415708
0.01 0.428203 0.421426 0.441183
0.03162 0.489803 0.48483 0.496187
EOD
$d2 << EOD
# lr (a seed diverged)
EOD
$s3 << EOD
# lr mean min max
1e-05 1.86762 1.74298 2.03215
3.162e-05 0.98667 0.936618 1.08504
0.0001 0.589334 0.577341 0.610154
0.0003162 0.46936 0.467756 0.470853
0.001 0.433322 0.425945 0.439492
0.003162 0.451934 0.445798 0.462546
0.01 0.638119 0.634246 0.641992
EOD
$d3 << EOD
# lr (a seed diverged)
0.01 2.46768
EOD
$s4 << EOD
# lr mean min max
3.162e-05 1.18493 1.12548 1.29837
0.0001 0.659726 0.64377 0.669556
0.0003162 0.483876 0.477646 0.489687
0.001 0.409621 0.408226 0.41196
0.003162 0.385504 0.376738 0.393117
0.01 0.401182 0.399301 0.403378
0.03162 0.487909 0.465544 0.504562
EOD
$d4 << EOD
# lr (a seed diverged)
EOD
$s5 << EOD
# lr mean min max
0.001 0.651527 0.637461 0.669723
0.003162 0.486504 0.484799 0.488887
0.01 0.415517 0.413219 0.416779
0.03162 0.41048 0.399715 0.420006
0.1 0.437061 0.423951 0.445306
0.3162 1.28716 1.0544 1.73918
EOD
$d5 << EOD
# lr (a seed diverged)
1 2.46768
EOD
$s6 << EOD
# lr mean min max
0.0001 0.657837 0.642388 0.675586
0.0003162 0.494278 0.492174 0.497658
0.001 0.423827 0.422051 0.425191
0.003162 0.394933 0.387401 0.402784
0.01 0.399194 0.394369 0.403186
0.03162 0.436715 0.424304 0.449751
0.1 0.689488 0.675293 0.699775
EOD
$d6 << EOD
# lr (a seed diverged)
EOD
plot \
  $s0 using 1:3:4 with filledcurves fc rgb '#0072b2' fs transparent solid 0.15 noborder notitle, \
  $s0 using 1:2 with linespoints lc rgb '#0072b2' lw 2 pt 7 ps 0.7 title 'sgd', \
  $d0 using 1:2 with points lc rgb '#0072b2' pt 2 ps 1.4 lw 2 title 'sgd diverged', \
  $s1 using 1:3:4 with filledcurves fc rgb '#d55e00' fs transparent solid 0.15 noborder notitle, \
  $s1 using 1:2 with linespoints lc rgb '#d55e00' lw 2 pt 7 ps 0.7 title 'momentum', \
  $d1 using 1:2 with points lc rgb '#d55e00' pt 2 ps 1.4 lw 2 title 'momentum diverged', \
  $s2 using 1:3:4 with filledcurves fc rgb '#009e73' fs transparent solid 0.15 noborder notitle, \
  $s2 using 1:2 with linespoints lc rgb '#009e73' lw 2 pt 7 ps 0.7 title 'adamw', \
  $s3 using 1:3:4 with filledcurves fc rgb '#cc79a7' fs transparent solid 0.15 noborder notitle, \
  $s3 using 1:2 with linespoints lc rgb '#cc79a7' lw 2 pt 7 ps 0.7 title 'lion', \
  $d3 using 1:2 with points lc rgb '#cc79a7' pt 2 ps 1.4 lw 2 title 'lion diverged', \
  $s4 using 1:3:4 with filledcurves fc rgb '#e69f00' fs transparent solid 0.15 noborder notitle, \
  $s4 using 1:2 with linespoints lc rgb '#e69f00' lw 2 pt 7 ps 0.7 title 'shampoo', \
  $s5 using 1:3:4 with filledcurves fc rgb '#56b4e9' fs transparent solid 0.15 noborder notitle, \
  $s5 using 1:2 with linespoints lc rgb '#56b4e9' lw 2 pt 7 ps 0.7 title 'muon', \
  $d5 using 1:2 with points lc rgb '#56b4e9' pt 2 ps 1.4 lw 2 title 'muon diverged', \
  $s6 using 1:3:4 with filledcurves fc rgb '#000000' fs transparent solid 0.15 noborder notitle, \
  $s6 using 1:2 with linespoints lc rgb '#000000' lw 2 pt 7 ps 0.7 title 'schedulefree'
