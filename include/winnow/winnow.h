/* winnow/winnow.h: the one header an embedding program or a stage includes. */
#pragma once

#include <winnow/version.h>
#include <winnow/error.h>
#include <winnow/doc.h>
#include <winnow/plugin.h>
#include <winnow/pipeline.h>
#include <winnow/runner.h>
