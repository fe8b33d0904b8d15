# depth_lm_grad_layers_depth12.gp: depth_lm: gradient norm per layer at initialisation, depth 12
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot depth_lm_grad_layers_depth12.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'depth_lm_grad_layers_depth12.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'depth_lm: gradient norm per layer at initialisation, depth 12' noenhanced
set xlabel 'layer index (0: the input side)'
set ylabel 'gradient norm'
set logscale y
set format y '10^{%L}'
$c40 << EOD
# layer grad_norm (geometric mean over seeds)
6 8.48745e-34
7 1.04098e-28
8 1.54373e-23
9 2.713e-18
10 4.88292e-13
11 7.56125e-08
12 0.0108223
EOD
$c41 << EOD
# layer grad_norm (geometric mean over seeds)
0 0.0154888
1 0.0153374
2 0.0153333
3 0.0153279
4 0.0153289
5 0.0153315
6 0.0153238
7 0.0153181
8 0.0153137
9 0.0153144
10 0.015316
11 0.0153183
12 0.0153171
13 0.0162747
EOD
$c42 << EOD
# layer grad_norm (geometric mean over seeds)
0 0.000802414
1 0.0146805
2 0.0274445
3 0.0488262
4 0.087243
5 0.137776
6 0.239963
7 0.30786
8 0.483879
9 0.889505
10 1.77763
11 2.79503
12 4.45443
13 0.0108589
EOD
$c43 << EOD
# layer grad_norm (geometric mean over seeds)
0 0.53451
1 0.623037
2 0.614268
3 0.615033
4 0.613666
5 0.60499
6 0.603455
7 0.588862
8 0.585901
9 0.580056
10 0.582581
11 0.576472
12 0.570196
13 0.565439
EOD
$c44 << EOD
# layer grad_norm (geometric mean over seeds)
0 0.0144023
1 6.68339
2 9.98608
3 16.4261
4 28.5821
5 44.1246
6 76.2537
7 97.5948
8 153.446
9 282.064
10 563.072
11 884.464
12 1408.75
13 0.0185803
EOD
$c45 << EOD
# layer grad_norm (geometric mean over seeds)
0 0.531913
1 0.382105
2 0.0267224
3 0.0267932
4 0.0267421
5 0.0266962
6 0.0268239
7 0.0267217
8 0.0267069
9 0.0266832
10 0.026753
11 0.0267035
12 0.026739
13 0.569918
EOD
$c46 << EOD
# layer grad_norm (geometric mean over seeds)
0 0.00138764
1 0.0206005
2 0.0389268
3 0.0754466
4 0.141596
5 0.213648
6 0.335917
7 0.450975
8 0.634753
9 1.05503
10 1.9308
11 3.06483
12 4.58266
13 0.0017037
EOD
$c47 << EOD
# layer grad_norm (geometric mean over seeds)
0 0.535882
1 0.62255
2 0.612007
3 0.609693
4 0.609959
5 0.603093
6 0.601476
7 0.586532
8 0.583047
9 0.577404
10 0.581166
11 0.575385
12 0.570367
13 0.563017
EOD
$c48 << EOD
# layer grad_norm (geometric mean over seeds)
0 0.026232
1 9.81226
2 14.5657
3 25.8076
4 46.11
5 67.9533
6 105.955
7 143.042
8 201.538
9 331.866
10 604.681
11 955.797
12 1440.92
13 0.0295861
EOD
$c49 << EOD
# layer grad_norm (geometric mean over seeds)
0 0.53299
1 0.383195
2 0.0221955
3 0.022269
4 0.0222235
5 0.022155
6 0.0223112
7 0.0222071
8 0.0221915
9 0.0221602
10 0.022232
11 0.0221816
12 0.0222227
13 0.567527
EOD
plot $c40 using 1:2 with linespoints lc rgb '#0072b2' pt 5 ps 0.6 lw 2 title 'layers 12, residual off, no norm', \
  $c41 using 1:2 with linespoints lc rgb '#d55e00' pt 7 ps 0.6 lw 2 title 'layers 12, residual on, no norm', \
  $c42 using 1:2 with linespoints lc rgb '#009e73' pt 9 ps 0.6 lw 2 title 'layers 12, residual off, LayerNorm, pre-norm', \
  $c43 using 1:2 with linespoints lc rgb '#cc79a7' pt 11 ps 0.6 lw 2 title 'layers 12, residual on, LayerNorm, pre-norm', \
  $c44 using 1:2 with linespoints lc rgb '#e69f00' pt 5 ps 0.6 lw 2 title 'layers 12, residual off, LayerNorm, post-norm', \
  $c45 using 1:2 with linespoints lc rgb '#56b4e9' pt 7 ps 0.6 lw 2 title 'layers 12, residual on, LayerNorm, post-norm', \
  $c46 using 1:2 with linespoints lc rgb '#000000' pt 9 ps 0.6 lw 2 title 'layers 12, residual off, RMSNorm, pre-norm', \
  $c47 using 1:2 with linespoints lc rgb '#999999' pt 11 ps 0.6 lw 2 title 'layers 12, residual on, RMSNorm, pre-norm', \
  $c48 using 1:2 with linespoints lc rgb '#0072b2' pt 5 ps 0.6 lw 2 title 'layers 12, residual off, RMSNorm, post-norm', \
  $c49 using 1:2 with linespoints lc rgb '#d55e00' pt 7 ps 0.6 lw 2 title 'layers 12, residual on, RMSNorm, post-norm'
