# depth_lm_grad_layers_depth8.gp: depth_lm: gradient norm per layer at initialisation, depth 8
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot depth_lm_grad_layers_depth8.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'depth_lm_grad_layers_depth8.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'depth_lm: gradient norm per layer at initialisation, depth 8' noenhanced
set xlabel 'layer index (0: the input side)'
set ylabel 'gradient norm'
set logscale y
set format y '10^{%L}'
$c30 << EOD
# layer grad_norm (geometric mean over seeds)
2 5.39756e-33
3 4.56574e-28
4 4.88242e-23
5 5.49812e-18
6 8.16441e-13
7 8.51393e-08
8 0.0124582
EOD
$c31 << EOD
# layer grad_norm (geometric mean over seeds)
0 0.0147668
1 0.0176306
2 0.0176421
3 0.0176165
4 0.017614
5 0.0176253
6 0.0176205
7 0.0176286
8 0.0176253
9 0.0150041
EOD
$c32 << EOD
# layer grad_norm (geometric mean over seeds)
0 0.0711372
1 0.857551
2 1.4453
3 1.28679
4 1.36328
5 2.09385
6 3.96036
7 3.95564
8 5.16788
9 0.0861735
EOD
$c33 << EOD
# layer grad_norm (geometric mean over seeds)
0 0.519123
1 0.659553
2 0.690134
3 0.661871
4 0.648294
5 0.641535
6 0.640831
7 0.633749
8 0.630119
9 0.540406
EOD
$c34 << EOD
# layer grad_norm (geometric mean over seeds)
0 0.554449
1 165.443
2 164.928
3 136.596
4 125.65
5 161.073
6 289.902
7 283.44
8 362.829
9 0.456274
EOD
$c35 << EOD
# layer grad_norm (geometric mean over seeds)
0 0.532584
1 0.447012
2 0.0271853
3 0.0271997
4 0.0271817
5 0.0270544
6 0.0272179
7 0.0271151
8 0.0270662
9 0.53836
EOD
$c36 << EOD
# layer grad_norm (geometric mean over seeds)
0 0.0762569
1 0.813121
2 1.49958
3 1.72656
4 1.92826
5 2.17011
6 3.62465
7 3.9595
8 5.23447
9 0.110864
EOD
$c37 << EOD
# layer grad_norm (geometric mean over seeds)
0 0.513991
1 0.644785
2 0.676207
3 0.649234
4 0.635504
5 0.628816
6 0.629954
7 0.623794
8 0.620683
9 0.538402
EOD
$c38 << EOD
# layer grad_norm (geometric mean over seeds)
0 0.15677
1 49.0831
2 45.4391
3 43.9648
4 41.3868
5 81.6292
6 137.594
7 153.496
8 254.294
9 0.520038
EOD
$c39 << EOD
# layer grad_norm (geometric mean over seeds)
0 0.528659
1 0.43906
2 0.0209296
3 0.0209494
4 0.0209373
5 0.0207511
6 0.0209654
7 0.0208577
8 0.0207922
9 0.537545
EOD
plot $c30 using 1:2 with linespoints lc rgb '#0072b2' pt 5 ps 0.6 lw 2 title 'layers 8, residual off, no norm', \
  $c31 using 1:2 with linespoints lc rgb '#d55e00' pt 7 ps 0.6 lw 2 title 'layers 8, residual on, no norm', \
  $c32 using 1:2 with linespoints lc rgb '#009e73' pt 9 ps 0.6 lw 2 title 'layers 8, residual off, LayerNorm, pre-norm', \
  $c33 using 1:2 with linespoints lc rgb '#cc79a7' pt 11 ps 0.6 lw 2 title 'layers 8, residual on, LayerNorm, pre-norm', \
  $c34 using 1:2 with linespoints lc rgb '#e69f00' pt 5 ps 0.6 lw 2 title 'layers 8, residual off, LayerNorm, post-norm', \
  $c35 using 1:2 with linespoints lc rgb '#56b4e9' pt 7 ps 0.6 lw 2 title 'layers 8, residual on, LayerNorm, post-norm', \
  $c36 using 1:2 with linespoints lc rgb '#000000' pt 9 ps 0.6 lw 2 title 'layers 8, residual off, RMSNorm, pre-norm', \
  $c37 using 1:2 with linespoints lc rgb '#999999' pt 11 ps 0.6 lw 2 title 'layers 8, residual on, RMSNorm, pre-norm', \
  $c38 using 1:2 with linespoints lc rgb '#0072b2' pt 5 ps 0.6 lw 2 title 'layers 8, residual off, RMSNorm, post-norm', \
  $c39 using 1:2 with linespoints lc rgb '#d55e00' pt 7 ps 0.6 lw 2 title 'layers 8, residual on, RMSNorm, post-norm'
