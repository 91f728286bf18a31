"""The Spark engine: the screening plan of ``cordon.screen.plan`` on Apache Spark.

``session`` opens the Spark session (a master URL, ``local[N]`` or Spark Connect), ``tasks`` is the
code that runs on executors (read one input part, run the per-batch stages), ``engine`` drives a
run from the driver (file rules and scores in Spark SQL, outputs, the local store).
"""
