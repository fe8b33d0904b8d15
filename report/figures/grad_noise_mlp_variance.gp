# grad_noise_mlp_variance.gp: grad_noise_mlp: variance of the mini-batch gradient against batch size
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot grad_noise_mlp_variance.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'grad_noise_mlp_variance.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'grad_noise_mlp: variance of the mini-batch gradient against batch size' noenhanced
set logscale xy 10
set format x '10^{%L}'
set format y '10^{%L}'
set xlabel 'batch size b'
set ylabel 'variance of the batch gradient'
$m0 << EOD
# b variance
1 1050.35
1 989.076
4 296.509
4 254.515
16 76.8917
16 67.7314
64 18.1233
64 16.3969
256 4.54012
256 3.72791
1024 1.25015
1024 1.1042
EOD
$m1 << EOD
# b variance
1 250.082
1 410.878
4 87.1707
4 93.8076
16 24.8898
16 27.3625
64 6.1542
64 6.08693
256 1.42498
256 1.66847
1024 0.358318
1024 0.413798
EOD
$m2 << EOD
# b variance
1 283.638
1 372.291
4 108.076
4 86.8234
16 24.0496
16 23.1683
64 5.35235
64 5.16307
256 1.55109
256 1.26926
1024 0.454722
1024 0.364272
EOD
plot $m0 using 1:2 with points lc rgb '#0072b2' pt 7 ps 0.8 title 'step 0', \
  10**(3.0225003 + -0.986472831*log10(x)) with lines lc rgb '#0072b2' lw 1.5 title 'slope -0.986', \
  $m1 using 1:2 with points lc rgb '#d55e00' pt 7 ps 0.8 title 'step 30', \
  10**(2.54007825 + -0.974576349*log10(x)) with lines lc rgb '#d55e00' lw 1.5 title 'slope -0.975', \
  $m2 using 1:2 with points lc rgb '#009e73' pt 7 ps 0.8 title 'step 60', \
  10**(2.53526404 + -0.981427255*log10(x)) with lines lc rgb '#009e73' lw 1.5 title 'slope -0.981'
