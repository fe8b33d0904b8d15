# precision_lm_train.gp: precision_lm: training loss (nats)
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot precision_lm_train.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'precision_lm_train.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'precision_lm: training loss (nats)' noenhanced
set xlabel 'optimizer step'
set ylabel 'training loss (nats)'
set logscale y 10
set format y '10^{%L}'
$c0 << EOD
# step mean min max
200 2.8984 2.89394 2.90079
400 2.28294 2.27879 2.28954
600 2.15678 2.13324 2.19063
800 2.01937 1.9848 2.06301
1000 1.90878 1.8914 1.92964
1200 1.83015 1.81848 1.84634
1400 1.76725 1.7519 1.77971
1600 1.72588 1.71613 1.73257
1800 1.68649 1.67856 1.6962
2000 1.66891 1.66125 1.68079
EOD
$c1 << EOD
# step mean min max
200 2.89844 2.89397 2.90081
400 2.28296 2.27886 2.28956
600 2.15673 2.13311 2.19073
800 2.01936 1.98481 2.06305
1000 1.90886 1.89147 1.92979
1200 1.83031 1.8186 1.84667
1400 1.76754 1.75213 1.78004
1600 1.7261 1.71631 1.73285
1800 1.68679 1.67893 1.69648
2000 1.66924 1.66155 1.68125
EOD
$c2 << EOD
# step mean min max
200 2.9116 2.90729 2.91387
400 2.29131 2.28768 2.29811
600 2.17169 2.14962 2.20299
800 2.04582 2.01485 2.08614
1000 1.94476 1.92897 1.96409
1200 1.87256 1.86238 1.88753
1400 1.81683 1.80201 1.83051
1600 1.78439 1.77496 1.79104
1800 1.75492 1.7465 1.766
2000 1.74611 1.73869 1.7591
EOD
$c3 << EOD
# step mean min max
200 2.89861 2.8942 2.90156
400 2.28331 2.2785 2.29077
600 2.15597 2.13145 2.19133
800 2.01875 1.98273 2.06421
1000 1.90848 1.89053 1.93095
1200 1.83014 1.81815 1.84736
1400 1.7674 1.75146 1.78082
1600 1.72596 1.71568 1.73337
1800 1.68645 1.67834 1.69653
2000 1.66871 1.66049 1.68167
EOD
$c4 << EOD
# step mean min max
200 2.89833 2.89414 2.90047
400 2.28336 2.27948 2.28927
600 2.15916 2.13564 2.19353
800 2.02382 1.98981 2.07053
1000 1.91167 1.89131 1.93689
1200 1.83287 1.81959 1.85207
1400 1.76992 1.75389 1.78371
1600 1.72871 1.71718 1.73625
1800 1.68916 1.68151 1.69839
2000 1.67227 1.6648 1.68378
EOD
$c5 << EOD
# step mean min max
200 2.89841 2.89395 2.9008
400 2.28293 2.27877 2.28954
600 2.15678 2.13323 2.19062
800 2.01937 1.98477 2.063
1000 1.90878 1.89136 1.92963
1200 1.83014 1.81844 1.84634
1400 1.76725 1.7519 1.77971
1600 1.72589 1.71615 1.73256
1800 1.6865 1.67859 1.69618
2000 1.66891 1.66126 1.68079
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
