import { router } from "../../lib/http.ts";

export const advisorRoutes = router();
