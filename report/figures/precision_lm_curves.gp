# precision_lm_curves.gp: precision_lm: validation loss (nats)
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot precision_lm_curves.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'precision_lm_curves.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'precision_lm: validation loss (nats)' noenhanced
set xlabel 'optimizer step'
set ylabel 'validation loss (nats)'
set logscale y 10
set format y '10^{%L}'
$c0 << EOD
# step mean min max
200 2.40629 2.40365 2.41048
400 2.28495 2.27795 2.29602
600 2.16723 2.14496 2.20379
800 2.05354 2.02223 2.08314
1000 1.97027 1.95478 1.98497
1200 1.91589 1.90574 1.92508
1400 1.85989 1.84882 1.8806
1600 1.82441 1.81209 1.83612
1800 1.79975 1.79085 1.80972
2000 1.78587 1.77534 1.79928
EOD
$c1 << EOD
# step mean min max
200 2.40614 2.40334 2.4105
400 2.28512 2.27812 2.29641
600 2.16722 2.14535 2.20366
800 2.05358 2.02239 2.08249
1000 1.97044 1.95498 1.98527
1200 1.91649 1.90694 1.92471
1400 1.86038 1.84979 1.88099
1600 1.82464 1.81266 1.83618
1800 1.80014 1.79124 1.81008
2000 1.78659 1.77663 1.79984
EOD
$c2 << EOD
# step mean min max
200 2.41362 2.40995 2.41747
400 2.29345 2.28493 2.3089
600 2.18253 2.16013 2.21789
800 2.08485 2.0565 2.11332
1000 2.00261 1.99048 2.0163
1200 1.95564 1.94265 1.96781
1400 1.90558 1.89404 1.92292
1600 1.87767 1.86861 1.89034
1800 1.86388 1.85368 1.87406
2000 1.85781 1.84823 1.86901
EOD
$c3 << EOD
# step mean min max
200 2.4066 2.40433 2.41021
400 2.28577 2.27735 2.29827
600 2.16748 2.14374 2.20402
800 2.05357 2.02191 2.08537
1000 1.97061 1.95532 1.98792
1200 1.91651 1.90447 1.92838
1400 1.85907 1.84628 1.8802
1600 1.82377 1.81031 1.83512
1800 1.79984 1.79009 1.81023
2000 1.78597 1.77413 1.7993
EOD
$c4 << EOD
# step mean min max
200 2.40571 2.4022 2.41088
400 2.28627 2.2805 2.29589
600 2.17075 2.14552 2.20625
800 2.05595 2.02483 2.08743
1000 1.97114 1.94852 1.99297
1200 1.91671 1.90329 1.9276
1400 1.86167 1.84773 1.8832
1600 1.82504 1.81217 1.83514
1800 1.80192 1.79218 1.81016
2000 1.78797 1.77752 1.79887
EOD
$c5 << EOD
# step mean min max
200 2.40632 2.40364 2.41053
400 2.28491 2.27783 2.29603
600 2.16719 2.14488 2.20381
800 2.05353 2.02223 2.08312
1000 1.97019 1.9547 1.98492
1200 1.9159 1.90575 1.92506
1400 1.85992 1.84889 1.88057
1600 1.82441 1.8121 1.83606
1800 1.79977 1.79085 1.80967
2000 1.78586 1.77528 1.79926
EOD
plot \
  $c0 using 1:3:4 with filledcurves fc rgb '#0072b2' fs transparent solid 0.15 noborder notitle, \
  $c0 using 1:2 with lines lc rgb '#0072b2' lw 2 title 'fp32', \
  $c1 using 1:3:4 with filledcurves fc rgb '#d55e00' fs transparent solid 0.15 noborder notitle, \
  $c1 using 1:2 with lines lc rgb '#d55e00' lw 2 title 'bf16 products, fp32 weights', \
  $c2 using 1:3:4 with filledcurves fc rgb '#009e73' fs transparent solid 0.15 noborder notitle, \
  $c2 using 1:2 with lines lc rgb '#009e73' lw 2 title 'bf16 weights, round to nearest', \
  $c3 using 1:3:4 with filledcurves fc rgb '#cc79a7' fs transparent solid 0.15 noborder notitle, \
  $c3 using 1:2 with lines lc rgb '#cc79a7' lw 2 title 'bf16 weights, stochastic rounding', \
  $c4 using 1:3:4 with filledcurves fc rgb '#e69f00' fs transparent solid 0.15 noborder notitle, \
  $c4 using 1:2 with lines lc rgb '#e69f00' lw 2 title 'fp16, no loss scaling', \
  $c5 using 1:3:4 with filledcurves fc rgb '#56b4e9' fs transparent solid 0.15 noborder notitle, \
  $c5 using 1:2 with lines lc rgb '#56b4e9' lw 2 title 'fp16, dynamic loss scaling'
