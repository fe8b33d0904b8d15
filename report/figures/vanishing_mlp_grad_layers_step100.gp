# vanishing_mlp_grad_layers_step100.gp: vanishing_mlp: gradient norm per layer at step 100
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot vanishing_mlp_grad_layers_step100.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'vanishing_mlp_grad_layers_step100.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'vanishing_mlp: gradient norm per layer at step 100' noenhanced
set xlabel 'layer index (0: the input side)'
set ylabel 'gradient norm'
set logscale y
set format y '10^{%L}'
$c0 << EOD
# layer grad_norm (geometric mean over seeds)
0 2.39587e-20
1 1.17366e-20
2 2.91898e-20
3 1.09929e-19
4 5.16749e-19
5 2.29303e-18
6 9.48758e-18
7 4.35087e-17
8 1.86598e-16
9 7.9135e-16
10 3.51501e-15
11 1.49072e-14
12 6.49333e-14
13 3.01725e-13
14 1.2604e-12
15 5.38572e-12
16 2.51408e-11
17 1.0579e-10
18 4.62624e-10
19 2.16495e-09
20 8.1727e-09
21 3.50466e-08
22 1.41208e-07
23 6.27306e-07
24 2.86483e-06
25 1.25447e-05
26 5.88779e-05
27 0.000269431
28 0.00116517
29 0.00514654
30 0.0232134
31 0.0943159
32 0.285808
EOD
$c1 << EOD
# layer grad_norm (geometric mean over seeds)
0 1.19477
1 0.439099
2 0.396406
3 0.336413
4 0.286785
5 0.269435
6 0.227476
7 0.206657
8 0.182563
9 0.178891
10 0.177081
11 0.172338
12 0.167774
13 0.175055
14 0.169185
15 0.164092
16 0.163683
17 0.162733
18 0.162475
19 0.160876
20 0.163778
21 0.173698
22 0.172248
23 0.166293
24 0.157652
25 0.155573
26 0.147984
27 0.144314
28 0.143343
29 0.151594
30 0.175181
31 0.237245
32 0.288512
EOD
$c2 << EOD
# layer grad_norm (geometric mean over seeds)
0 2.01015
1 1.03856
2 1.18752
3 1.07301
4 1.14
5 1.17243
6 1.15282
7 1.05867
8 0.968984
9 1.06514
10 1.07274
11 0.923207
12 0.995847
13 0.935933
14 0.890406
15 0.901067
16 0.995829
17 0.936491
18 0.973018
19 0.94061
20 1.02799
21 0.956184
22 0.915949
23 0.924078
24 0.836573
25 0.89798
26 0.896079
27 1.01988
28 1.05978
29 0.934167
30 1.06289
31 1.02663
32 0.976552
EOD
$c3 << EOD
# layer grad_norm (geometric mean over seeds)
0 1.0495
1 0.527109
2 0.544545
3 0.44011
4 0.431225
5 0.370341
6 0.399398
7 0.390244
8 0.365689
9 0.357028
10 0.346378
11 0.317683
12 0.293007
13 0.267902
14 0.231043
15 0.238594
16 0.25406
17 0.248969
18 0.233826
19 0.228948
20 0.189779
21 0.171474
22 0.175216
23 0.182414
24 0.203977
25 0.228581
26 0.25195
27 0.282173
28 0.304898
29 0.360102
30 0.407399
31 0.484967
32 0.547566
EOD
plot $c0 using 1:2 with linespoints lc rgb '#0072b2' pt 5 ps 0.6 lw 2 title 'sigmoid, xavier', \
  $c1 using 1:2 with linespoints lc rgb '#d55e00' pt 7 ps 0.6 lw 2 title 'tanh, xavier', \
  $c2 using 1:2 with linespoints lc rgb '#009e73' pt 9 ps 0.6 lw 2 title 'relu, he', \
  $c3 using 1:2 with linespoints lc rgb '#cc79a7' pt 11 ps 0.6 lw 2 title 'gelu, he'
