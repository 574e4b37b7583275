{
  "targets": [
    {
      "target_name": "ember_extents",
      "sources": ["ember_extents.c"],
      "cflags": ["-O2", "-Wall", "-Wextra"]
    }
  ]
}
