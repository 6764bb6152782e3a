terraform {
  # 1.5: check blocks; optional() object attributes with defaults (1.3) and preconditions (1.2) are older.
  required_version = ">= 1.5"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      # 6.0 gave data.aws_region the `region` attribute and deprecated `name` (the provider's
      # website/docs/d/region.html.markdown); 7.0 may remove what 6.x deprecates, so it is not allowed unseen.
      version = ">= 6.0, < 7.0"
    }
  }
}
