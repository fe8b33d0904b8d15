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
200 2.40636 2.40352 2.41113
400 2.28495 2.27783 2.29619
600 2.16716 2.14511 2.20384
800 2.05369 2.02248 2.0829
1000 1.9703 1.95501 1.98522
1200 1.91628 1.9063 1.9254
1400 1.86029 1.84938 1.88142
1600 1.82462 1.81229 1.83627
1800 1.80014 1.79132 1.81022
2000 1.78631 1.7763 1.79969
EOD
$c2 << EOD
# step mean min max
200 2.4136 2.40989 2.41748
400 2.29359 2.28528 2.30891
600 2.18286 2.16112 2.2178
800 2.08528 2.05761 2.1134
1000 2.00268 1.99072 2.0165
1200 1.9562 1.9426 1.96857
1400 1.90602 1.89474 1.92342
1600 1.87811 1.86905 1.89067
1800 1.86441 1.85423 1.87465
2000 1.85838 1.84913 1.86952
EOD
$c3 << EOD
# step mean min max
200 2.40662 2.40423 2.41028
400 2.28582 2.2771 2.29834
600 2.16749 2.14346 2.20427
800 2.05358 2.02212 2.08541
1000 1.97075 1.9552 1.98777
1200 1.91644 1.90485 1.92837
1400 1.85938 1.84731 1.87998
1600 1.82396 1.81075 1.83483
1800 1.79969 1.7902 1.80997
2000 1.7857 1.77408 1.79917
EOD
$c4 << EOD
# step mean min max
200 2.40572 2.40226 2.41075
400 2.28642 2.28116 2.29537
600 2.17066 2.14573 2.20632
800 2.05617 2.02516 2.08788
1000 1.97158 1.94877 1.99393
1200 1.91696 1.90378 1.92802
1400 1.86209 1.84841 1.88358
1600 1.82581 1.81372 1.83556
1800 1.80216 1.79247 1.81053
2000 1.7886 1.77833 1.79956
EOD
$c5 << EOD
# step mean min max
200 2.40634 2.40363 2.41056
400 2.28494 2.27789 2.29602
600 2.16721 2.14491 2.20382
800 2.05354 2.02227 2.0831
1000 1.9702 1.95475 1.98494
1200 1.91595 1.90581 1.92507
1400 1.85988 1.84889 1.88052
1600 1.82439 1.81202 1.83607
1800 1.79975 1.79085 1.80967
2000 1.78587 1.77534 1.79927
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
