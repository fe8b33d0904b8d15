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
200 3.224e-05 2.14e-05 4.652e-05
400 1.706e-05 -4.471e-05 7.586e-05
600 -5.721e-05 -0.00014461 9.871e-05
800 -2.77333e-06 -6.332e-05 4.815e-05
1000 7.36267e-05 -8.33e-06 0.00015629
1200 0.000160393 2.943e-05 0.00033248
1400 0.00029169 0.00023712 0.00032789
1600 0.00021742 0.00017367 0.00028139
1800 0.00030028 0.00024515 0.00037767
2000 0.00033331 0.00025112 0.00045349
EOD
$c2 << EOD
# step mean min max (over 3 seeds)
200 0.0132002 0.0128695 0.013388
400 0.00836697 0.0076451 0.00889021
600 0.0149095 0.0123605 0.0163818
800 0.0264514 0.0231327 0.0300499
1000 0.0359766 0.0344534 0.0375757
1200 0.0424105 0.0411875 0.0439006
1400 0.0495816 0.0478352 0.0507981
1600 0.0585068 0.0582241 0.0588229
1800 0.0684326 0.0675539 0.0697951
2000 0.0772024 0.0758592 0.078307
EOD
$c3 << EOD
# step mean min max (over 3 seeds)
200 0.000202533 -0.00041437 0.00076512
400 0.00036902 -0.00029012 0.00123271
600 -0.000815773 -0.00178947 0.00069833
800 -0.000611813 -0.0020713 0.00120272
1000 -0.000301427 -0.00134943 0.00131596
1200 -1.304e-05 -0.00072742 0.00102382
1400 0.000152793 -0.00043775 0.0011076
1600 7.745e-05 -0.0004577 0.0008002
1800 -3.61267e-05 -0.00022295 0.00032691
2000 -0.000195437 -0.00075588 0.00087501
EOD
$c4 << EOD
# step mean min max (over 3 seeds)
200 -6.93467e-05 -0.00039261 0.00019519
400 0.000415587 -0.00027037 0.00082716
600 0.00237475 0.0018188 0.00290002
800 0.00445771 0.0008426 0.00752135
1000 0.00289001 -8.85e-05 0.00725293
1200 0.00272062 0.00110724 0.00573216
1400 0.00266946 0.00199286 0.00400047
1600 0.00283065 0.00104478 0.00376739
1800 0.00267603 0.00218723 0.00295081
2000 0.00336058 0.00298914 0.00354857
EOD
$c5 << EOD
# step mean min max (over 3 seeds)
200 1.52667e-06 -1.52e-06 5.31e-06
400 -1.09433e-05 -2.174e-05 -1.71e-06
600 -6.84667e-06 -1.045e-05 -2.78e-06
800 1.00667e-06 -2.385e-05 3.493e-05
1000 -6.16667e-07 -3.401e-05 3.792e-05
1200 -1.086e-05 -4.244e-05 9.46e-06
1400 3.83e-06 8.1e-07 6.97e-06
1600 8.70667e-06 -1.32e-05 2.039e-05
1800 7.40667e-06 -2.103e-05 3.09e-05
2000 6.03667e-06 -9.3e-07 1.124e-05
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
