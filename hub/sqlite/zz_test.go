package sqlite_test
import ("testing";"context";"time";"opinionwall/hub")
func TestZZApply(t *testing.T){
 ctx:=context.Background(); db:=MustOpenDB(t)
 t0:=time.Now(); var tot time.Duration
 for b:=0;b<20;b++{ var batch hub.Batch; for i:=0;i<512;i++{ batch.Submissions=append(batch.Submissions, received("wall-01", int64(b*512+i+1), t0)) }
  s:=time.Now(); if err:=db.Apply(ctx,batch); err!=nil {t.Fatal(err)}; tot+=time.Since(s) }
 t.Logf("apply %v per 512", tot/20)
}
