# Reads MdgExchange's SDMX REST API with R's rsdmx (an independent SDMX client) and prints, per query, one
# tab-separated line: name, rsdmx class, rows, columns and a few values, for the .NET test to check.
# Usage: Rscript read.R <base URL of the HTTP endpoint>
suppressMessages(library(rsdmx))
base <- sub("/$", "", commandArgs(trailingOnly = TRUE)[1])
v1 <- paste0(base, "/sdmx/rest")

report <- function(name, url, column) {
  sdmx <- readSDMX(url)
  df <- as.data.frame(sdmx)
  values <- if (column %in% names(df)) paste(head(sort(unique(as.character(df[[column]]))), 50), collapse = ",") else ""
  cat(sprintf("%s\t%s\t%d\t%d\t%s\n", name, class(sdmx)[1], nrow(df), ncol(df), values))
}

report("generic", paste0(v1, "/data/MDGX,DF_SDG,1.0/A.G............."), "REF_AREA")
report("structurespecific", paste0(v1, "/data/MDGX,DF_SDG,1.0/A.G.............?format=structurespecificdata"), "REF_AREA")
report("codelist", paste0(v1, "/codelist/IAEG-SDGs/CL_AREA/latest/32+76+484"), "id")
report("dataflow", paste0(v1, "/dataflow/MDGX/DF_SDG/latest"), "id")
report("conceptscheme", paste0(v1, "/conceptscheme/IAEG-SDGs/all/latest"), "id")
