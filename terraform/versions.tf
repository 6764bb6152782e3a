terraform {
  # 1.5: check blocks; optional() object attributes with defaults (1.3) and preconditions (1.2) are older.
  required_version = ">= 1.5"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}
