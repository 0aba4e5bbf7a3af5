import { router } from "../../lib/http.ts";

export const recordsRoutes = router();
