# precision_lm_lost.gp: precision_lm: fraction of weights an update left unchanged
# Written by `descent report` from results/; regenerate it rather than edit it.
# Run from report/figures: gnuplot precision_lm_lost.gp
set terminal svg size 800,500 dynamic enhanced font 'sans,12' background '#ffffff'
set output 'precision_lm_lost.svg'
set encoding utf8
set border 3 lc rgb '#404040'
set tics nomirror textcolor rgb '#202020'
set grid lc rgb '#e0e0e0' lw 1 dt 1
set key outside below center horizontal Left reverse noenhanced nobox maxcols 2 height 1
set title 'precision_lm: fraction of weights an update left unchanged' noenhanced
set xlabel 'optimizer step'
set ylabel 'fraction of weights an update left unchanged'
$c0 << EOD
# step mean min max
200 2.93593e-06 0 8.80778e-06
400 0 0 0
600 2.93593e-06 0 8.80778e-06
800 5.87185e-06 0 8.80778e-06
1000 1.17437e-05 8.80778e-06 1.76156e-05
1200 1.46796e-05 0 2.64233e-05
1400 2.93593e-06 0 8.80778e-06
1600 2.34874e-05 8.80778e-06 3.52311e-05
1800 2.64233e-05 1.76156e-05 3.52311e-05
2000 3.52311e-05 3.52311e-05 3.52311e-05
EOD
$c1 << EOD
# step mean min max
200 0.172148 0.168281 0.175055
400 0.210298 0.202403 0.214822
600 0.251022 0.248793 0.255373
800 0.293143 0.288155 0.295924
1000 0.340562 0.336695 0.348145
1200 0.416461 0.41364 0.420915
1400 0.513737 0.505249 0.529189
1600 0.616659 0.610476 0.622173
1800 0.706023 0.693296 0.724026
2000 0.747146 0.740822 0.757548
EOD
$c2 << EOD
# step mean min max
200 0.17364 0.170783 0.178904
400 0.217769 0.205899 0.225303
600 0.272777 0.268188 0.278608
800 0.310985 0.306511 0.314288
1000 0.371362 0.361348 0.378831
1200 0.467954 0.455283 0.475743
1400 0.569232 0.567776 0.570691
1600 0.687767 0.679714 0.69193
1800 0.79615 0.788807 0.803578
2000 0.831948 0.823712 0.839135
EOD
$c3 << EOD
# step mean min max
200 0.170733 0.168687 0.1728
400 0.210371 0.201469 0.215685
600 0.249565 0.245499 0.255311
800 0.289394 0.280898 0.294021
1000 0.339196 0.334229 0.348383
1200 0.416344 0.411614 0.423135
1400 0.507393 0.499621 0.519976
1600 0.613524 0.60616 0.617875
1800 0.706278 0.689966 0.73109
2000 0.742155 0.734692 0.750678
EOD
$c4 << EOD
# step mean min max
200 0.0242096 0.0231292 0.0248291
400 0.0321102 0.0303164 0.0338923
600 0.0403279 0.0395734 0.0414582
800 0.0475091 0.0453336 0.0488127
1000 0.0605241 0.0563962 0.0658293
1200 0.0811343 0.0787415 0.0831719
1400 0.115006 0.112995 0.118077
1600 0.17056 0.1677 0.17398
1800 0.24123 0.232111 0.251594
2000 0.293833 0.289265 0.30075
EOD
$c5 << EOD
# step mean min max
200 0.0240951 0.0226976 0.0248027
400 0.0319458 0.0301226 0.0333903
600 0.039406 0.0388599 0.0400842
800 0.0482226 0.0470952 0.0490858
1000 0.0583163 0.0570568 0.0596375
1200 0.0810433 0.0804062 0.0816569
1400 0.11606 0.111022 0.123036
1600 0.172633 0.167586 0.176156
1800 0.247337 0.23242 0.268558
2000 0.2929 0.286112 0.306009
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
