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
200 2.89844 2.89399 2.90083
400 2.28295 2.27894 2.28949
600 2.15681 2.13321 2.19064
800 2.01948 1.98486 2.06296
1000 1.90887 1.89168 1.92947
1200 1.83034 1.81871 1.84636
1400 1.76753 1.75215 1.77992
1600 1.72616 1.71649 1.73272
1800 1.6868 1.67897 1.6964
2000 1.66919 1.66163 1.68095
EOD
$c2 << EOD
# step mean min max
200 2.9116 2.9073 2.91385
400 2.29122 2.28743 2.2981
600 2.17149 2.14929 2.2029
800 2.04552 2.01421 2.08605
1000 1.94446 1.92827 1.9641
1200 1.87218 1.86196 1.88723
1400 1.8164 1.80161 1.83004
1600 1.78399 1.77466 1.7906
1800 1.75445 1.74626 1.76557
2000 1.74573 1.73853 1.75855
EOD
$c3 << EOD
# step mean min max
200 2.8986 2.8942 2.90153
400 2.28319 2.27852 2.29071
600 2.15577 2.13097 2.1911
800 2.01854 1.98234 2.06396
1000 1.90826 1.89013 1.93068
1200 1.82991 1.81764 1.84726
1400 1.76706 1.75076 1.78057
1600 1.7257 1.71495 1.73325
1800 1.68622 1.67774 1.69667
2000 1.66843 1.65982 1.68168
EOD
$c4 << EOD
# step mean min max
200 2.89832 2.89413 2.90047
400 2.28334 2.27941 2.28927
600 2.15911 2.13564 2.19352
800 2.02375 1.98983 2.07014
1000 1.91145 1.89089 1.93636
1200 1.83282 1.81957 1.85167
1400 1.7699 1.75367 1.78356
1600 1.72866 1.71724 1.73592
1800 1.68907 1.68129 1.69818
2000 1.67216 1.66452 1.68357
EOD
$c5 << EOD
# step mean min max
200 2.8984 2.89394 2.9008
400 2.28294 2.27879 2.28953
600 2.15678 2.13323 2.19063
800 2.01936 1.98479 2.063
1000 1.90879 1.89139 1.92962
1200 1.83014 1.81847 1.84631
1400 1.76726 1.75192 1.77971
1600 1.7259 1.71618 1.73255
1800 1.68651 1.67859 1.69618
2000 1.66892 1.66128 1.68077
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
