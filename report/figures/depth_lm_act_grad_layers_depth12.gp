# depth_lm_act_grad_layers_depth12.gp: depth_lm: gradient with respect to each layer's output at initialisation, depth 12
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot depth_lm_act_grad_layers_depth12.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'depth_lm_act_grad_layers_depth12.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'depth_lm: gradient with respect to each layer''s output at initialisation, depth 12' noenhanced
set xlabel 'layer index (0: the input side)'
set ylabel 'output gradient norm'
set logscale y
set format y '10^{%L}'
$c40 << EOD
# layer act_grad_norm (geometric mean over seeds)
6 3.15234e-34
7 3.95278e-29
8 4.78056e-24
9 6.21508e-19
10 9.02628e-14
11 1.09293e-08
12 0.00468056
13 0.0427908
EOD
$c41 << EOD
# layer act_grad_norm (geometric mean over seeds)
0 0.00468159
1 0.00468157
2 0.00468222
3 0.00468239
4 0.00468168
5 0.00468139
6 0.00468197
7 0.00468196
8 0.00468127
9 0.00468099
10 0.00468124
11 0.00468123
12 0.00468073
13 0.0427917
EOD
$c42 << EOD
# layer act_grad_norm (geometric mean over seeds)
0 0.000302454
1 0.00497119
2 0.00949528
3 0.0175278
4 0.0306028
5 0.04767
6 0.0754375
7 0.0965661
8 0.129122
9 0.176815
10 0.26555
11 0.328241
12 1.45368
13 0.0427908
EOD
$c43 << EOD
# layer act_grad_norm (geometric mean over seeds)
0 0.164584
1 0.163488
2 0.163696
3 0.16292
4 0.161859
5 0.160714
6 0.160624
7 0.159601
8 0.158302
9 0.157223
10 0.156619
11 0.155991
12 0.154866
13 0.0428254
EOD
$c44 << EOD
# layer act_grad_norm (geometric mean over seeds)
0 0.00529062
1 0.00693468
2 0.0109171
3 0.0189931
4 0.0323598
5 0.0493807
6 0.0767431
7 0.0985585
8 0.130169
9 0.180767
10 0.27235
11 0.333931
12 1.45302
13 0.042791
EOD
$c45 << EOD
# layer act_grad_norm (geometric mean over seeds)
0 0.164226
1 0.00451951
2 0.00452029
3 0.0045203
4 0.00451996
5 0.00452004
6 0.00452003
7 0.0045201
8 0.00451975
9 0.00451997
10 0.00452017
11 0.00451996
12 0.00451937
13 0.0428312
EOD
$c46 << EOD
# layer act_grad_norm (geometric mean over seeds)
0 0.000535149
1 0.0074819
2 0.0144025
3 0.0267692
4 0.04416
5 0.0660698
6 0.0991467
7 0.124661
8 0.15098
9 0.196315
10 0.285347
11 0.345556
12 1.48011
13 0.0427908
EOD
$c47 << EOD
# layer act_grad_norm (geometric mean over seeds)
0 0.164952
1 0.16397
2 0.164153
3 0.163455
4 0.162165
5 0.161033
6 0.161078
7 0.160195
8 0.158613
9 0.157551
10 0.156992
11 0.156224
12 0.154977
13 0.0428252
EOD
$c48 << EOD
# layer act_grad_norm (geometric mean over seeds)
0 0.00994514
1 0.0108186
2 0.016698
3 0.0284861
4 0.0447743
5 0.0664259
6 0.0987256
7 0.124202
8 0.150703
9 0.19551
10 0.283496
11 0.343941
12 1.47651
13 0.0427897
EOD
$c49 << EOD
# layer act_grad_norm (geometric mean over seeds)
0 0.164758
1 0.00460272
2 0.00460353
3 0.0046036
4 0.00460319
5 0.00460317
6 0.00460314
7 0.00460345
8 0.00460298
9 0.00460316
10 0.00460337
11 0.00460305
12 0.00460242
13 0.0428302
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
