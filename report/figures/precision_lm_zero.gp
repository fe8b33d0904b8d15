# precision_lm_zero.gp: precision_lm: fraction of gradient elements exactly zero
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot precision_lm_zero.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'precision_lm_zero.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'precision_lm: fraction of gradient elements exactly zero' noenhanced
set xlabel 'optimizer step'
set ylabel 'fraction of gradient elements exactly zero'
set logscale y 10
set format y '10^{%L}'
$c0 << EOD
# step mean min max
200 0.0124014 0.0118377 0.0129651
400 0.0125892 0.00845547 0.0157835
600 0.0116498 0.011274 0.0124014
800 0.0139046 0.011274 0.0174746
1000 0.0118377 0.00958286 0.0135287
1200 0.0124014 0.0107103 0.0140924
1400 0.0110861 0.00901917 0.0124014
1600 0.013153 0.0129651 0.0135287
1800 0.0122135 0.0101466 0.0140924
2000 0.0133467 0.0118377 0.0157923
EOD
$c1 << EOD
# step mean min max
200 0.0124014 0.0118377 0.0129651
400 0.0125892 0.00845547 0.0157835
600 0.0116498 0.011274 0.0124014
800 0.0139046 0.011274 0.0174746
1000 0.0118377 0.00958286 0.0135287
1200 0.0124014 0.0107103 0.0140924
1400 0.0110861 0.00901917 0.0124014
1600 0.013153 0.0129651 0.0135287
1800 0.0122135 0.0101466 0.0140924
2000 0.0133409 0.0118377 0.0157835
EOD
$c2 << EOD
# step mean min max
200 0.0124014 0.0118377 0.0129651
400 0.0125892 0.00845547 0.0157835
600 0.0116498 0.011274 0.0124014
800 0.0139046 0.011274 0.0174746
1000 0.0118377 0.00958286 0.0135287
1200 0.0124014 0.0107103 0.0140924
1400 0.0110861 0.00901917 0.0124014
1600 0.013153 0.0129651 0.0135287
1800 0.0122135 0.0101466 0.0140924
2000 0.0133409 0.0118377 0.0157835
EOD
$c3 << EOD
# step mean min max
200 0.0124014 0.0118377 0.0129651
400 0.0125892 0.00845547 0.0157835
600 0.0116498 0.011274 0.0124014
800 0.0139046 0.011274 0.0174746
1000 0.0118377 0.00958286 0.0135287
1200 0.0124014 0.0107103 0.0140924
1400 0.0110861 0.00901917 0.0124014
1600 0.013153 0.0129651 0.0135287
1800 0.0122135 0.0101466 0.0140924
2000 0.0133409 0.0118377 0.0157835
EOD
$c4 << EOD
# step mean min max
200 0.0124454 0.0118641 0.0130267
400 0.0126362 0.00849951 0.0158276
600 0.0117055 0.0113004 0.0124718
800 0.0139545 0.0113356 0.0175099
1000 0.0118934 0.00961809 0.0136256
1200 0.0124542 0.0107279 0.0141805
1400 0.0111536 0.00907201 0.0124982
1600 0.0132586 0.0129915 0.0137401
1800 0.0122516 0.0102082 0.0141277
2000 0.0133996 0.0118993 0.0158276
EOD
$c5 << EOD
# step mean min max
200 0.0124014 0.0118377 0.0129651
400 0.0125892 0.00845547 0.0157835
600 0.0116498 0.011274 0.0124014
800 0.0139046 0.011274 0.0174746
1000 0.0118377 0.00958286 0.0135287
1200 0.0124014 0.0107103 0.0140924
1400 0.0110861 0.00901917 0.0124014
1600 0.013153 0.0129651 0.0135287
1800 0.0122135 0.0101466 0.0140924
2000 0.0133409 0.0118377 0.0157835
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
