# precision_lm_train_diff.gp: precision_lm: training loss, difference to fp32 (nats)
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot precision_lm_train_diff.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'precision_lm_train_diff.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'precision_lm: training loss, difference to fp32 (nats)' noenhanced
set xlabel 'optimizer step'
set ylabel 'training loss, difference to fp32 (nats)'
$c1 << EOD
# step mean min max (over 3 seeds)
200 3.545e-05 2.186e-05 4.91e-05
400 6.94667e-06 -8.081e-05 0.00015289
600 2.873e-05 -2.419e-05 9.894e-05
800 0.000117237 -4.12e-05 0.00033172
1000 8.53133e-05 -0.00016495 0.00028123
1200 0.000192557 1.836e-05 0.00033094
1400 0.000277173 0.0002052 0.00037185
1600 0.000275197 0.00015464 0.00035715
1800 0.00031504 0.00019628 0.00040977
2000 0.000284257 0.00015495 0.00037879
EOD
$c2 << EOD
# step mean min max (over 3 seeds)
200 0.0132006 0.0128735 0.013376
400 0.00827234 0.00761475 0.00864442
600 0.0147093 0.0122742 0.0160496
800 0.0261537 0.0230467 0.0294098
1000 0.0356728 0.0344638 0.0368676
1200 0.0420292 0.0408931 0.0434782
1400 0.0491542 0.0474197 0.0503258
1600 0.0581115 0.0577712 0.0585289
1800 0.0679614 0.0668148 0.069361
2000 0.0768237 0.0754316 0.0777577
EOD
$c3 << EOD
# step mean min max (over 3 seeds)
200 0.00019249 -0.0004155 0.00073975
400 0.000245367 -0.00026403 0.00117285
600 -0.00101654 -0.00226354 0.00047216
800 -0.000823143 -0.00245458 0.00095224
1000 -0.00051923 -0.00133787 0.00104649
1200 -0.00024456 -0.00084804 0.00092384
1400 -0.000193937 -0.0011311 0.00086048
1600 -0.000184047 -0.00118654 0.00068012
1800 -0.000263247 -0.00081549 0.0004629
2000 -0.000481653 -0.0014319 0.00088965
EOD
$c4 << EOD
# step mean min max (over 3 seeds)
200 -7.99033e-05 -0.00041995 0.00019011
400 0.000392567 -0.00027331 0.00082369
600 0.00232632 0.00169036 0.00289007
800 0.00438061 0.00097433 0.00713744
1000 0.00266832 -0.00050997 0.00671949
1200 0.00267376 0.00109014 0.0053292
1400 0.00264596 0.00177779 0.00384404
1600 0.0027835 0.00110355 0.00390049
1800 0.00257872 0.00197783 0.00302136
2000 0.00325269 0.00277804 0.00370652
EOD
$c5 << EOD
# step mean min max (over 3 seeds)
200 5.8e-07 -3.17e-06 5.24e-06
400 -2.25667e-06 -7.32e-06 4.82e-06
600 -4.84667e-06 -5.26e-06 -4.52e-06
800 -2.36333e-06 -8.81e-06 8.53e-06
1000 7.90667e-06 -1.425e-05 4.472e-05
1200 -1.45067e-05 -3.143e-05 4.79e-06
1400 1.50733e-05 -5.7e-06 2.688e-05
1600 2.21667e-05 -1.849e-05 4.271e-05
1800 1.83967e-05 -2.422e-05 4.478e-05
2000 1.1e-05 -2.415e-05 3.001e-05
EOD
plot \
  0 with lines lc rgb '#404040' dt 2 lw 1 notitle, \
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
